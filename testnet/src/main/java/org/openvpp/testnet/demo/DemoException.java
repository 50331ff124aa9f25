package org.openvpp.testnet.demo;

/**
 * A failure the demo reports as one line with an exit code; the codes mean what vpp-wallet's do (2
 * bad input, 4 RPC unreachable, 5 wrong network), so scripts treat both tools alike.
 */
public final class DemoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 4;
  public static final int WRONG_NETWORK = 5;

  private final int exitCode;

  public DemoException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public DemoException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
