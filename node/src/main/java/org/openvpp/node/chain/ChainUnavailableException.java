package org.openvpp.node.chain;

/** The JSON-RPC endpoint failed or answered with an error; the next poll tries again. */
public final class ChainUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public ChainUnavailableException(String message) {
    super(message);
  }
}
