package org.openvpp.gateway.adapter;

/**
 * Why an adapter could not produce a measurement or apply a setpoint. Counted per device and reason
 * ({@link FailureCounts}); a failure never ends the adapter.
 */
public enum FailureReason {
  /** The TCP connection (or WebSocket) could not be opened or was lost. */
  CONNECTION_LOST,
  /** The device did not answer within the configured timeout. */
  TIMEOUT,
  /** The device answered with a protocol exception or a frame that does not parse. */
  MALFORMED,
  /** The device does not implement a value we need (SunSpec 0x8000 / 0xFFFF sentinels). */
  NOT_IMPLEMENTED,
  /** A value outside what the device class can physically do, or a register that went backwards. */
  OUT_OF_RANGE,
  /** Discovery did not find what the configuration says (no SunS marker, missing model). */
  DISCOVERY,
  /** A device the configuration does not list tried to connect, or a command named one. */
  UNKNOWN_DEVICE,
  /** The device refused or could not apply a setpoint. */
  SETPOINT_REJECTED
}
