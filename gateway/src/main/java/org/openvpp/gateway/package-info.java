/**
 * The gateway: brings devices that do not speak the VPP device protocol (SunSpec Modbus inverters
 * and batteries, OCPP chargers) into the network. It holds one key per device behind it, speaks the
 * device's own protocol through a {@link org.openvpp.gateway.adapter.DeviceAdapter}, and speaks the
 * VPP device protocol (docs/device-protocol.md) towards the node as each of those devices. Readings
 * it signs carry the gateway assurance level on-chain (docs/adr on the gateway).
 */
package org.openvpp.gateway;
