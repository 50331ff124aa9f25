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
  UNKNOWN_DEVICE,
  REVOKED_DEVICE,
  CLOCK_SKEW,
  STALE,
  DUPLICATE,
  REPLAYED_SEQUENCE,
  TIME_ROLLBACK,
  REGISTER_ROLLBACK,
  IMPLAUSIBLE_ENERGY
}
