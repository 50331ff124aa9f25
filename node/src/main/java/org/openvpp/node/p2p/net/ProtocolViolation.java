package org.openvpp.node.p2p.net;

import org.openvpp.node.p2p.RejectReason;

/** A peer broke a wire protocol; carries the counted reason. Thrown only inside codecs. */
public final class ProtocolViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RejectReason reason;

  public ProtocolViolation(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
