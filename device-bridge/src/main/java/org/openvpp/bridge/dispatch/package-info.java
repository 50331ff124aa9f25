/** Dispatch execution: split, signed commands, acknowledgements, timeouts, re-dispatch. */
package org.openvpp.bridge.dispatch;
