/**
 * OCPP 1.6J central system for the gateway: chargers connect over WebSocket (subprotocol ocpp1.6),
 * their meter values become signed readings of the device behind the gateway, and dispatches become
 * charging profiles that honour the EV owner's departure (docs/devices.md, section OCPP; ADR 0018).
 */
package org.openvpp.gateway.ocpp;
