/**
 * Device protocol version 1 (docs/device-protocol.md): topics, payload records, their JSON encoding
 * and EIP-712 typed data. Units follow docs/units.md: W signed (+ = export / discharge), Wh
 * cumulative, ‰ state of charge, UTC milliseconds.
 */
package org.openvpp.bridge.protocol;
