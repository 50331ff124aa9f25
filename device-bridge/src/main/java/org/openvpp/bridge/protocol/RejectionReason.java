package org.openvpp.bridge.protocol;

/**
 * Why a bridge refused a device payload. Counted per reason (metric {@code vpp.bridge.rejected}).
 */
public enum RejectionReason {
  OVERSIZE,
  MALFORMED_JSON,
  SCHEMA,
  UNSUPPORTED_VERSION,
  UNSUPPORTED_SIGNATURE_TYPE,
  MISSING_SIGNATURE,
  BAD_SIGNATURE,
  TOPIC_MISMATCH,
  /**
   * A reading batch whose sequences do not strictly ascend: the whole batch is refused (a device
   * builds batches from its buffer, which is in sequence order).
   */
  BATCH_OUT_OF_ORDER,
  UNKNOWN_DEVICE,
  REVOKED_DEVICE,
  CLOCK_SKEW,
  STALE,
  DUPLICATE,
  REPLAYED_SEQUENCE,
  TIME_ROLLBACK,
  REGISTER_ROLLBACK,
  IMPLAUSIBLE_ENERGY,
  /**
   * Not the device's fault: handling the message threw (a bug, or a dependency such as the chain
   * was unavailable). The message is dead-lettered: counted, logged and acknowledged, so it never
   * holds one of the broker's receive-maximum slots; a reading is not receipted, so its device
   * re-sends it.
   */
  HANDLER_FAILED
}
