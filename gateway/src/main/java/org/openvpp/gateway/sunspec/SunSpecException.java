package org.openvpp.gateway.sunspec;

import org.openvpp.gateway.adapter.FailureReason;

/** A poll, discovery or write that failed, with the reason it is counted under. */
public final class SunSpecException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient FailureReason reason;

  public SunSpecException(FailureReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public SunSpecException(FailureReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
