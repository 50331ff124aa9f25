/**
 * The seam between a protocol adapter (SunSpec, OCPP, ...) and the gateway: measurements in,
 * setpoints out, connection state and counted failure reasons. Adapters know nothing about keys,
 * signatures or MQTT; the gateway knows nothing about Modbus or OCPP.
 */
package org.openvpp.gateway.adapter;
