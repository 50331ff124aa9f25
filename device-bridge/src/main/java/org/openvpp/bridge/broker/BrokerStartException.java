package org.openvpp.bridge.broker;

/** The bridge could not start its own broker; {@link #reason()} says which way it failed. */
public final class BrokerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How a start failed, so callers and tests can tell the cases apart. */
  public enum Reason {
    BINARY_MISSING,
    PORT_IN_USE,
    BAD_CONFIG,
    EXITED,
    NOT_READY
  }

  private final Reason reason;

  public BrokerStartException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public BrokerStartException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
