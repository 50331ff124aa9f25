package org.openvpp.wallet.cli;

/**
 * The exit codes of {@code vpp-wallet}, documented in every command's help and in the module
 * README. Scripts branch on these, so a code's meaning never changes once released.
 */
public enum ExitCode {
  OK(0, "success"),
  REVERTED(1, "the transaction reverted on-chain, or would revert (reason decoded)"),
  USAGE(2, "bad usage or bad input: malformed address, amount, file or option"),
  WRONG_PASSWORD(3, "wrong password for the wallet file"),
  RPC_UNREACHABLE(4, "the JSON-RPC endpoint (or a node API) cannot be reached or failed"),
  WRONG_NETWORK(5, "the RPC's chain id or contracts differ from the deployment file"),
  INSUFFICIENT_FUNDS(6, "not enough ETH for gas, FLEX, allowance or stake"),
  NOT_FOUND(7, "unknown account, device, model, batch or request; nothing to claim"),
  TIMEOUT(8, "the transaction was sent but not mined in time"),
  INTERNAL(70, "internal error (a bug: please report it)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The "code:meaning" lines picocli prints under "Exit codes:" in every usage message. */
  public static String[] helpList() {
    ExitCode[] all = values();
    String[] lines = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      lines[i] = all[i].code + ":" + all[i].meaning;
    }
    return lines;
  }
}
