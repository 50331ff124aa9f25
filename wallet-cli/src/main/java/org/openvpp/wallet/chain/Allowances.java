package org.openvpp.wallet.chain;

import java.math.BigInteger;

/**
 * The approve step before a contract pulls FLEX with transferFrom (node stake, request escrow).
 * Shared so every command that pays a contract approves the same way: only when the allowance is
 * short, and then to exactly the amount the next transaction pulls, never an open-ended allowance.
 */
public final class Allowances {
  private Allowances() {}

  /**
   * Sends {@code approve(spender, amount)} from the sender's account when its allowance for {@code
   * spender} is below {@code amount}; {@code what} names the spender in progress lines.
   *
   * @return whether an approve transaction was sent
   */
  public static boolean approveIfNeeded(
      Chain chain, TxSender sender, String spender, BigInteger amount, String what) {
    BigInteger allowance = chain.read(() -> chain.token().allowance(sender.from(), spender).send());
    if (allowance.compareTo(amount) >= 0) {
      return false;
    }
    String data = chain.token().approve(spender, amount).encodeFunctionCall();
    sender.send(chain.deployment().flexToken(), data, "approve FLEX for " + what);
    return true;
  }
}
