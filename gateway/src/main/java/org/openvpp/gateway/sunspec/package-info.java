/**
 * SunSpec over Modbus TCP: discovery of the model chain, polling with scale factors applied,
 * mapping to {@link org.openvpp.gateway.adapter.Measurement}s, and dispatch by writing the storage
 * control model (124). Every bad value or lost connection is a counted {@link
 * org.openvpp.gateway.adapter.FailureReason}, never a made-up measurement.
 */
package org.openvpp.gateway.sunspec;
