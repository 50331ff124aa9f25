package org.openvpp.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Await;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.openvpp.node.chain.AnvilRpc;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.Dialect;
import org.openvpp.node.store.TestDatabase;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The outbox in-process on a real Anvil and SQLite: nonces in flight, idempotency, reverts, fees.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class OutboxIT {
  private static final BigInteger FLEX = ChainFixture.FLEX;

  private TestDatabase database;
  private Anvil anvil;
  private ChainFixture chain;
  private Credentials signer;

  @BeforeEach
  void deploy(Anvil anvil, @TempDir Path dir, PostgresServer postgres) throws Exception {
    database = new TestDatabase(dir, postgres);
    this.anvil = anvil;
    chain = new ChainFixture(anvil);
    signer = Credentials.create(Keys.createEcKeyPair());
    AnvilRpc.call(anvil, "anvil_setBalance", signer.getAddress(), "0x56bc75e2d63100000"); // 100 ETH
    chain.mint(signer.getAddress(), 100);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void sendsSeveralIntentsInFlightWithConsecutiveNoncesAndOneEffectEach(Dialect dialect)
      throws Exception {
    database.use(dialect);
    List<String> recipients = IntStream.range(0, 4).mapToObj(i -> freshAddress()).toList();
    try (Database db = database.open()) {
      TransactionOutbox outbox = outbox(db, FeePolicy.defaults());
      for (int i = 0; i < recipients.size(); i++) {
        outbox.enqueue(transfer("pay-" + i, recipients.get(i), i + 1));
      }
      runUntilIdle(outbox);

      for (int i = 0; i < recipients.size(); i++) {
        IntentStatus status = outbox.status("pay-" + i).orElseThrow();
        assertThat(status.state()).isEqualTo(IntentState.MINED);
        assertThat(status.nonce()).hasValue(i);
        assertThat(tokenBalance(recipients.get(i)))
            .isEqualTo(FLEX.multiply(BigInteger.valueOf(i + 1)));
      }
      assertThat(chainNonce()).isEqualTo(recipients.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theSameKeyIsOneIntentAndADifferentTransactionUnderItIsRefused(Dialect dialect)
      throws Exception {
    database.use(dialect);
    String to = freshAddress();
    try (Database db = database.open()) {
      TransactionOutbox outbox = outbox(db, FeePolicy.defaults());
      outbox.enqueue(transfer("once", to, 3));
      outbox.enqueue(transfer("once", to, 3));
      assertThatThrownBy(() -> outbox.enqueue(transfer("once", to, 4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("already used by a different transaction");
      runUntilIdle(outbox);
      outbox.enqueue(transfer("once", to, 3)); // after it was mined: still the same intent
      runUntilIdle(outbox);

      assertThat(tokenBalance(to)).isEqualTo(FLEX.multiply(BigInteger.valueOf(3)));
      assertThat(chainNonce()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aCallThatWouldRevertIsRejectedWithoutSpendingANonce(Dialect dialect) throws Exception {
    database.use(dialect);
    String to = freshAddress();
    try (Database db = database.open()) {
      TransactionOutbox outbox = outbox(db, FeePolicy.defaults());
      outbox.enqueue(transfer("too-much", to, 1_000));
      outbox.enqueue(transfer("fine", to, 1));
      runUntilIdle(outbox);

      IntentStatus refused = outbox.status("too-much").orElseThrow();
      assertThat(refused.state()).isEqualTo(IntentState.REJECTED);
      assertThat(refused.nonce()).isEmpty();
      assertThat(refused.error()).isPresent();
      assertThat(outbox.status("fine").orElseThrow().nonce()).hasValue(0);
      assertThat(chainNonce()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRevertOnChainIsReportedAndTheNextNonceStillGoes(Dialect dialect) throws Exception {
    database.use(dialect);
    String to = freshAddress();
    try (Database db = database.open()) {
      TransactionOutbox outbox = outbox(db, FeePolicy.defaults());
      // Both estimates see the full balance; once the first is mined the second reverts.
      outbox.enqueue(transfer("all", to, 100));
      outbox.enqueue(transfer("all-again", to, 100));
      outbox.enqueue(transfer("after", to, 0));
      runUntilIdle(outbox);

      assertThat(outbox.status("all").orElseThrow().state()).isEqualTo(IntentState.MINED);
      IntentStatus reverted = outbox.status("all-again").orElseThrow();
      assertThat(reverted.state()).isEqualTo(IntentState.REVERTED);
      assertThat(reverted.txHash()).isPresent();
      assertThat(outbox.status("after").orElseThrow().state()).isEqualTo(IntentState.MINED);
      assertThat(tokenBalance(to)).isEqualTo(FLEX.multiply(BigInteger.valueOf(100)));
      assertThat(chainNonce()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aStuckTransactionIsReplacedWithTheSameNonceAndHigherFeesAndMinedOnce(Dialect dialect)
      throws Exception {
    database.use(dialect);
    String to = freshAddress();
    AnvilRpc.call(anvil, "evm_setAutomine", false);
    try (Database db = database.open()) {
      FeePolicy policy = new FeePolicy(BigInteger.ONE, 1, 10, 2, BigInteger.TEN.pow(15));
      TransactionOutbox outbox = outbox(db, policy);
      outbox.enqueue(transfer("stuck", to, 5));
      outbox.step();
      assertThat(outbox.status("stuck").orElseThrow().state()).isEqualTo(IntentState.SENT);
      Attempt first = outbox.attempts("stuck").get(0);

      // The base fee jumps above what the first attempt offers: it cannot be mined.
      BigInteger spike = first.fees().maxFeeWei().multiply(BigInteger.valueOf(20));
      for (int i = 0; i < 2; i++) {
        AnvilRpc.call(anvil, "anvil_setNextBlockBaseFeePerGas", "0x" + spike.toString(16));
        anvil.mine();
        outbox.step();
      }
      List<Attempt> attempts = outbox.attempts("stuck");
      assertThat(attempts).hasSize(2);
      Attempt bump = attempts.get(0);
      assertThat(bump.nonce()).isEqualTo(first.nonce());
      assertThat(bump.fees().maxFeeWei())
          .isGreaterThanOrEqualTo(
              first.fees().maxFeeWei().multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN))
          .isGreaterThan(spike);
      assertThat(bump.fees().tipWei()).isGreaterThan(first.fees().tipWei());

      anvil.mine();
      outbox.step();

      IntentStatus done = outbox.status("stuck").orElseThrow();
      assertThat(done.state()).isEqualTo(IntentState.MINED);
      assertThat(done.txHash()).contains(bump.txHash());
      assertThat(
              anvil.web3j().ethGetTransactionReceipt(first.txHash()).send().getTransactionReceipt())
          .isEmpty();
      assertThat(tokenBalance(to)).isEqualTo(FLEX.multiply(BigInteger.valueOf(5)));
      assertThat(chainNonce()).isEqualTo(1);
    } finally {
      AnvilRpc.call(anvil, "evm_setAutomine", true);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aTransactionDroppedByAReorganizationBeforeItsConfirmationsIsSentAgainWithOneEffect(
      Dialect dialect) throws Exception {
    database.use(dialect);
    String to = freshAddress();
    Object beforeSend = AnvilRpc.call(anvil, "evm_snapshot");
    try (Database db = database.open()) {
      TransactionOutbox outbox =
          new TransactionOutbox(
              db,
              new Web3jChainGateway(anvil.web3j(), anvil.chainId()),
              signer,
              FeePolicy.defaults(),
              StepHook.NONE,
              3);
      outbox.enqueue(transfer("reorged", to, 5));
      Await.repeatUntil(
          Duration.ofSeconds(30),
          outbox::step,
          () -> {
            try {
              return tokenBalance(to).signum() > 0;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          },
          "the transfer mined");
      outbox.step();
      assertThat(outbox.status("reorged").orElseThrow().state())
          .as("mined but not yet 3 blocks deep: not final")
          .isEqualTo(IntentState.SENT);

      AnvilRpc.call(anvil, "evm_revert", beforeSend); // the block with the transfer is gone
      assertThat(tokenBalance(to)).isZero();

      Await.repeatUntil(
          Duration.ofSeconds(60),
          () -> {
            outbox.step();
            AnvilRpc.call(anvil, "anvil_mine", "0x1");
          },
          outbox::idle,
          "the outbox to send it again and see it confirmed");
      assertThat(outbox.status("reorged").orElseThrow().state()).isEqualTo(IntentState.MINED);
      assertThat(tokenBalance(to)).isEqualTo(FLEX.multiply(BigInteger.valueOf(5)));
      assertThat(chainNonce()).isEqualTo(1);
    }
  }

  private void runUntilIdle(TransactionOutbox outbox) {
    Await.repeatUntil(Duration.ofSeconds(60), outbox::step, outbox::idle, "the outbox to finish");
  }

  private TransactionOutbox outbox(Database db, FeePolicy policy) {
    return new TransactionOutbox(
        db, new Web3jChainGateway(anvil.web3j(), anvil.chainId()), signer, policy, StepHook.NONE);
  }

  private Intent transfer(String key, String to, long flex) {
    String calldata =
        token().transfer(to, FLEX.multiply(BigInteger.valueOf(flex))).encodeFunctionCall();
    return new Intent(key, chain.deployment().flexToken(), calldata, BigInteger.ZERO);
  }

  private FlexToken token() {
    return chain.token(chain.admin());
  }

  private BigInteger tokenBalance(String account) throws Exception {
    return token().balanceOf(account).send();
  }

  private long chainNonce() throws Exception {
    return anvil
        .web3j()
        .ethGetTransactionCount(signer.getAddress(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  private static String freshAddress() {
    try {
      return Credentials.create(Keys.createEcKeyPair()).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
