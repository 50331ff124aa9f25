package org.openvpp.gateway.ocpp;

/**
 * A request the central system answers with a CALLERROR: thrown while reading a payload, caught by
 * the session that turns it into the answer, never past it.
 */
public final class OcppViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final OcppError code;

  public OcppViolation(OcppError code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public OcppError code() {
    return code;
  }
}
