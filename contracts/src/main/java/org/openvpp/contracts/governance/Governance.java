package org.openvpp.contracts.governance;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.generated.VppTimelock;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Changes governed parameters the only way left after deployment: through the {@code VppTimelock}
 * that holds every contract's GOVERNANCE_ROLE and DEFAULT_ADMIN_ROLE. A proposer {@linkplain
 * #schedule schedules} a call; after the timelock's minimum delay anyone {@linkplain #execute
 * executes} it. On a network deployed with delay 0 (the local testnet, the tests) {@link #run} does
 * both at once.
 */
public final class Governance {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] NO_PREDECESSOR = new byte[32];

  private final VppTimelock timelock;

  /** Binds the timelock at {@code timelockAddress}, sending as {@code as}. */
  public Governance(Web3j web3j, Credentials as, long chainId, String timelockAddress) {
    this.timelock =
        VppTimelock.load(
            timelockAddress, web3j, Transactions.manager(web3j, as, chainId), Transactions.gas());
  }

  /** The deployment's timelock, sending as {@code as} (a proposer to schedule; anyone executes). */
  public static Governance of(Web3j web3j, Credentials as, Deployment deployment) {
    if (deployment.timelock() == null) {
      throw new IllegalArgumentException("the deployment file names no timelock");
    }
    return new Governance(web3j, as, deployment.chainId(), deployment.timelock());
  }

  /**
   * One scheduled call: what {@code execute} needs, the timelock's operation id and the earliest
   * execution time (seconds).
   */
  public record Operation(String target, String data, byte[] salt, byte[] id, long readyAt) {}

  /** The timelock's minimum delay in seconds. */
  public long minDelay() throws Exception {
    return timelock.getMinDelay().send().longValueExact();
  }

  /**
   * Schedules {@code call} (a generated wrapper's function call, bound to any account: only its
   * target and encoded data are used) with the minimum delay.
   */
  public Operation schedule(String target, RemoteFunctionCall<?> call) throws Exception {
    return schedule(target, call.encodeFunctionCall());
  }

  /** Schedules the call {@code data} to {@code target} with the minimum delay. */
  public Operation schedule(String target, String data) throws Exception {
    // A fresh salt lets the same call be scheduled again later (e.g. admitting an OEM twice).
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    byte[] payload = Numeric.hexStringToByteArray(data);
    timelock
        .schedule(
            target, BigInteger.ZERO, payload, NO_PREDECESSOR, salt, timelock.getMinDelay().send())
        .send();
    byte[] id =
        timelock.hashOperation(target, BigInteger.ZERO, payload, NO_PREDECESSOR, salt).send();
    long readyAt = timelock.getTimestamp(id).send().longValueExact();
    return new Operation(target, data, salt, id, readyAt);
  }

  /**
   * Executes a scheduled operation; the timelock reverts {@code TimelockUnexpectedOperationState}
   * before {@link Operation#readyAt} and bubbles up the target's own revert.
   */
  public TransactionReceipt execute(Operation op) throws Exception {
    return timelock
        .execute(
            op.target(),
            BigInteger.ZERO,
            Numeric.hexStringToByteArray(op.data()),
            NO_PREDECESSOR,
            op.salt(),
            BigInteger.ZERO) // wei sent along (execute is payable)
        .send();
  }

  /**
   * Schedules and at once executes {@code call} to {@code target}: only on a timelock without delay
   * (the local testnet, the tests); with a delay, schedule, wait and execute instead.
   */
  public TransactionReceipt run(String target, RemoteFunctionCall<?> call) throws Exception {
    long delay = minDelay();
    if (delay != 0) {
      throw new IllegalStateException(
          "the timelock delays changes by " + delay + " s: schedule, wait, then execute");
    }
    return execute(schedule(target, call));
  }
}
