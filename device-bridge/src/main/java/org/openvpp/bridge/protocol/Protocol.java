package org.openvpp.bridge.protocol;

/** Normative constants of device protocol version 1 (docs/device-protocol.md). */
public final class Protocol {
  /** Protocol version carried in every payload as {@code "v"}. */
  public static final int VERSION = 1;

  /** Largest payload a bridge accepts on any device topic, bytes. */
  public static final int MAX_PAYLOAD_BYTES = 1024;

  /**
   * Largest payload of a reading batch ({@code vpp/1/d/{device}/readings}) and of a group command
   * ({@code vpp/1/n/{node}/cmd}), bytes: 100 readings of ~330 bytes fit with room to spare.
   */
  public static final int MAX_BATCH_PAYLOAD_BYTES = 64 * 1024;

  /** Most readings one batch may carry. */
  public static final int MAX_BATCH_READINGS = 100;

  /** Most setpoints one group command may carry (~70 bytes each on the wire). */
  public static final int MAX_GROUP_SETPOINTS = 500;

  /** A reading may be at most this far ahead of the bridge clock. */
  public static final long MAX_FUTURE_SKEW_MS = 30_000;

  /** A reading may be at most this old (devices buffer across broker outages). */
  public static final long MAX_AGE_MS = 7L * 24 * 3600 * 1000;

  /** The node publishes a heartbeat at least this often. */
  public static final long HEARTBEAT_INTERVAL_MS = 5_000;

  /** A device that saw no valid heartbeat for this long returns to owner behaviour. */
  public static final long HEARTBEAT_TIMEOUT_MS = 20_000;

  /** A device re-sends readings the node has not receipted after this long. */
  public static final long RECEIPT_TIMEOUT_MS = 5_000;

  /** Longest validity window a device accepts for one command. */
  public static final long MAX_COMMAND_VALIDITY_MS = 4L * 3600 * 1000;

  private Protocol() {}
}
