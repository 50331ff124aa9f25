/** Verification of untrusted device readings: every rejection is a value with a reason. */
package org.openvpp.bridge.verify;
