package org.openvpp.node.chain;

/**
 * The chain changed below every block the follower still remembers: it cannot tell which events to
 * undo. The operator raises the horizon or the confirmation depth and resynchronises from scratch.
 */
public final class ReorgTooDeepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReorgTooDeepException(String message) {
    super(message);
  }
}
