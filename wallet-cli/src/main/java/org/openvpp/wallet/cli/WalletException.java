package org.openvpp.wallet.cli;

/**
 * A failure the user can act on: its message is printed as one line ("error: …") that says what
 * went wrong and what to do, and its code becomes the process exit code. Never carries a key or a
 * password in its message.
 */
public final class WalletException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public WalletException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public WalletException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static WalletException usage(String message) {
    return new WalletException(ExitCode.USAGE, message);
  }

  public static WalletException notFound(String message) {
    return new WalletException(ExitCode.NOT_FOUND, message);
  }

  public static WalletException insufficient(String message) {
    return new WalletException(ExitCode.INSUFFICIENT_FUNDS, message);
  }
}
