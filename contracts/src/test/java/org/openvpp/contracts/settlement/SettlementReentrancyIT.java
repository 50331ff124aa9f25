package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Market;
import org.openvpp.contracts.testing.TestContracts;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/**
 * Reentrancy through a malicious receiver: the system runs on a test token that calls {@code
 * onTokenTransfer} on contract receivers, and a ReentrantReceiver re-enters the paying function on
 * its first payment. The guard must stop the re-entry and the receiver is paid exactly once.
 */
@ExtendWith(AnvilExtension.class)
class SettlementReentrancyIT {
  /** ReentrancyGuardReentrantCall(): OpenZeppelin's guard error, what the re-entry must hit. */
  private static final byte[] GUARD_SELECTOR =
      java.util.Arrays.copyOf(
          Hash.sha3("ReentrancyGuardReentrantCall()".getBytes(StandardCharsets.UTF_8)), 4);

  private SettlementWorld w;
  private Credentials sender;
  private String receiver;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil, true);
    sender = w.chain.account(8);
    receiver =
        TestContracts.deploy(anvil.web3j(), sender, anvil.chainId(), "ReentrantReceiver", "");
  }

  @ParameterizedTest(name = "propagate={0}")
  @ValueSource(booleans = {true, false})
  void aReceiverReEnteringClaimIsPaidOnce(boolean propagate) throws Exception {
    Credentials node = w.nodes.get(0);
    Round r = w.win(node);
    w.warpPastEnd(r);
    String other = SettlementWorld.freshAddress();
    Batch b =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(
                w.honest(w.devices.get(0), receiver, r.window(), 3_000),
                w.honest(w.devices.get(1), other, r.window(), 3_000)));
    w.settle(node, r.request(), b);
    BigInteger amount = b.cumulative(receiver);
    String claim =
        w.settlement()
            .claim(node.getAddress(), receiver, amount, b.rewardProof(receiver))
            .encodeFunctionCall();
    arm(w.settlementAddress(), claim, propagate);

    if (propagate) {
      w.chain.assertReverts(
          () ->
              w.settlement(sender)
                  .claim(node.getAddress(), receiver, amount, b.rewardProof(receiver))
                  .send(),
          "ReentrancyGuardReentrantCall");
      assertThat(w.balance(receiver)).isZero();
      assertThat(w.settlement().claimed(node.getAddress(), receiver).send()).isZero();
      // Disarmed, the same claim goes through: the revert was the re-entry, nothing else.
      arm("0x0000000000000000000000000000000000000000", "0x", false);
      w.settlement(sender)
          .claim(node.getAddress(), receiver, amount, b.rewardProof(receiver))
          .send();
    } else {
      w.settlement(sender)
          .claim(node.getAddress(), receiver, amount, b.rewardProof(receiver))
          .send();
      assertThat(reentrySucceeded()).isFalse();
      assertThat(reentryResult()).isEqualTo(GUARD_SELECTOR);
      assertThat(hookCalls()).isEqualTo(BigInteger.ONE);
    }
    assertThat(w.balance(receiver)).isEqualTo(amount);
    assertThat(w.settlement().claimed(node.getAddress(), receiver).send()).isEqualTo(amount);
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().claimedTotal).isEqualTo(amount);
  }

  @ParameterizedTest(name = "propagate={0}")
  @ValueSource(booleans = {true, false})
  void aRequesterReEnteringWithdrawIsPaidOnce(boolean propagate) throws Exception {
    // The receiver posts a request as requester and cancels it: its escrow is owed back.
    FlexibilityCoordinator c = w.coordinator(sender);
    Market.Timing t = w.market.timing(SettlementWorld.DURATION_S);
    BigInteger escrow =
        c.maxCost(
                BigInteger.valueOf(SettlementWorld.POWER_W),
                BigInteger.valueOf(t.duration()),
                SettlementWorld.PRICE)
            .send();
    w.chain.token(w.chain.admin()).mint(receiver, escrow).send();
    execute(
        w.chain.deployment().flexToken(),
        w.chain
            .token(sender)
            .approve(w.chain.deployment().coordinator(), escrow)
            .encodeFunctionCall());
    execute(
        w.chain.deployment().coordinator(),
        c.postRequest(
                new FlexibilityCoordinator.RequestParams(
                    Market.ZONE,
                    BigInteger.valueOf(Direction.UP.ordinal()),
                    BigInteger.valueOf(SettlementWorld.POWER_W),
                    BigInteger.valueOf(t.start()),
                    BigInteger.valueOf(t.duration()),
                    SettlementWorld.PRICE,
                    BigInteger.valueOf(t.bidDeadline()),
                    BigInteger.valueOf(t.revealDeadline())))
            .encodeFunctionCall());
    BigInteger id = c.requestCount().send();
    execute(w.chain.deployment().coordinator(), c.cancel(id).encodeFunctionCall());
    assertThat(c.owed(receiver).send()).isEqualTo(escrow);
    String withdraw = c.withdraw().encodeFunctionCall();
    arm(w.chain.deployment().coordinator(), withdraw, propagate);

    if (propagate) {
      w.chain.assertReverts(
          () -> execute(w.chain.deployment().coordinator(), withdraw),
          "ReentrancyGuardReentrantCall");
      assertThat(w.balance(receiver)).isZero();
      assertThat(c.owed(receiver).send()).isEqualTo(escrow);
    } else {
      execute(w.chain.deployment().coordinator(), withdraw);
      assertThat(reentrySucceeded()).isFalse();
      assertThat(reentryResult()).isEqualTo(GUARD_SELECTOR);
      assertThat(w.balance(receiver)).isEqualTo(escrow);
      assertThat(c.owed(receiver).send()).isZero();
    }
  }

  @Test
  void theOriginalHookTokenCannotCarryTheSystem() throws Exception {
    // Why the world runs on LenientHookToken: HookToken calls the hook on every contract
    // receiver, the system's contracts have none, so not even a stake reaches the registry.
    String hook = TestContracts.deploy(w.anvil.web3j(), sender, w.anvil.chainId(), "HookToken", "");
    TestContracts.send(
        w.anvil.web3j(),
        sender,
        w.anvil.chainId(),
        hook,
        new Function(
            "mint", List.of(new Address(sender.getAddress()), new Uint256(100)), List.of()));
    for (String contract :
        List.of(w.chain.deployment().nodeRegistry(), w.chain.deployment().settlement())) {
      assertThatThrownBy(() -> transfer(hook, contract))
          .as(contract)
          .isInstanceOf(TransactionException.class);
    }
    transfer(hook, SettlementWorld.freshAddress()); // an account has no code: no hook, no revert
  }

  private void transfer(String token, String to) throws Exception {
    TestContracts.send(
        w.anvil.web3j(),
        sender,
        w.anvil.chainId(),
        token,
        new Function("transfer", List.of(new Address(to), new Uint256(1)), List.of()));
  }

  private void arm(String target, String payload, boolean propagate) throws Exception {
    TestContracts.send(
        w.anvil.web3j(),
        sender,
        w.anvil.chainId(),
        receiver,
        new Function(
            "arm",
            List.of(
                new Address(target),
                new DynamicBytes(Numeric.hexStringToByteArray(payload)),
                new Bool(propagate)),
            List.of()));
  }

  private void execute(String to, String data) throws Exception {
    TestContracts.send(
        w.anvil.web3j(),
        sender,
        w.anvil.chainId(),
        receiver,
        new Function(
            "execute",
            List.of(new Address(to), new DynamicBytes(Numeric.hexStringToByteArray(data))),
            List.of()));
  }

  private Object view(String name, TypeReference<?> type) throws Exception {
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<Type> out =
        TestContracts.call(
            w.anvil.web3j(),
            receiver,
            new Function(name, List.of(), List.of((TypeReference) type)));
    return out.get(0).getValue();
  }

  private boolean reentrySucceeded() throws Exception {
    return (Boolean) view("reentrySucceeded", new TypeReference<Bool>() {});
  }

  private byte[] reentryResult() throws Exception {
    return (byte[]) view("reentryResult", new TypeReference<DynamicBytes>() {});
  }

  private BigInteger hookCalls() throws Exception {
    return (BigInteger) view("hookCalls", new TypeReference<Uint256>() {});
  }
}
