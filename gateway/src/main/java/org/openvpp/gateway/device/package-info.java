/**
 * The device side of the VPP device protocol, spoken by the gateway on behalf of each device behind
 * it: one MQTT connection and one key per device, readings signed from the adapter's measurements,
 * kept durably until the node's receipt, and dispatch commands checked by the same rules as device
 * firmware ({@link org.openvpp.bridge.sim.CommandGuard}) before they become adapter setpoints.
 */
package org.openvpp.gateway.device;
