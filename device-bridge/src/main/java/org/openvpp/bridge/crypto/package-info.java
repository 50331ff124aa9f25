/** Signature recovery paths (pure Java and native libsecp256k1). */
package org.openvpp.bridge.crypto;
