package org.openvpp.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.openvpp.node.chain.AnvilRpc;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.Dialect;
import org.openvpp.node.store.TestDatabase;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Kills a real outbox process with SIGKILL right after each commit point of one intent (three in
 * flight), restarts it on the same database and checks on chain that every intent had exactly one
 * effect: each recipient holds exactly its amount and the sender's nonce rose by exactly three.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class OutboxCrashIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private static PostgresServer postgres;

  @TempDir Path dir;

  private Anvil anvil;
  private Credentials sender;

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  @BeforeEach
  void fund(Anvil anvil) throws Exception {
    this.anvil = anvil;
    sender = Credentials.create(Keys.createEcKeyPair());
    AnvilRpc.call(anvil, "anvil_setBalance", sender.getAddress(), "0x56bc75e2d63100000");
  }

  /**
   * Every step on SQLite; on PostgreSQL the steps where something left the process before it was
   * recorded, and the nonce step (a whole run costs minutes on a loaded machine).
   */
  static Stream<Arguments> kills() {
    Stream<Arguments> sqlite =
        Stream.of(OutboxStep.values()).map(step -> Arguments.of(Dialect.SQLITE, step));
    Stream<Arguments> postgres =
        Stream.of(OutboxStep.NONCE_ASSIGNED, OutboxStep.SENT, OutboxStep.RECEIPT_SEEN)
            .map(step -> Arguments.of(Dialect.POSTGRES, step));
    return Stream.concat(sqlite, postgres);
  }

  @ParameterizedTest(name = "{0}: killed after {1}")
  @MethodSource("kills")
  void everyIntentHasExactlyOneEffectWhenTheProcessIsKilledAfter(Dialect dialect, OutboxStep step)
      throws Exception {
    String db = TestDatabase.url(dialect, dir.resolve("node.db"), postgres);
    List<String> recipients = new ArrayList<>();
    StringBuilder spec = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      recipients.add(Credentials.create(Keys.createEcKeyPair()).getAddress());
      spec.append(i == 0 ? "" : ",").append("pay-" + i + ":" + recipients.get(i) + ":" + wei(i));
    }

    Child killed = Child.start(env(db, spec.toString(), step + ":pay-1"));
    String halted = killed.awaitLine(l -> l.startsWith("HALTED") || l.equals("IDLE"), DEADLINE);
    assertThat(halted).isEqualTo("HALTED " + step + " pay-1");
    killed.process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no rollback
    assertThat(killed.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(killed.process.exitValue()).isEqualTo(137);

    Child restarted = Child.start(env(db, spec.toString(), ""));
    assertThat(restarted.awaitLine(l -> l.equals("IDLE") || l.equals("TIMEOUT"), DEADLINE))
        .isEqualTo("IDLE");
    assertThat(restarted.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(restarted.process.exitValue()).isZero();

    String story = "killed child:\n" + killed.seen + "\nrestarted child:\n" + restarted.seen;
    for (int i = 0; i < 3; i++) {
      assertThat(balance(recipients.get(i))).as("recipient %d; %s", i, story).isEqualTo(wei(i));
    }
    assertThat(nonce(sender.getAddress())).isEqualTo(3);
    try (Database database = Database.open(db)) {
      TransactionOutbox view =
          new TransactionOutbox(database, null, sender, FeePolicy.defaults(), StepHook.NONE);
      for (int i = 0; i < 3; i++) {
        assertThat(view.status("pay-" + i).orElseThrow().state()).isEqualTo(IntentState.MINED);
        assertThat(view.status("pay-" + i).orElseThrow().nonce()).hasValue(i);
      }
    }
  }

  private Map<String, String> env(String db, String intents, String halt) {
    return Map.of(
        "OUTBOX_RPC",
        anvil.rpcUrl(),
        "OUTBOX_CHAIN_ID",
        Long.toString(anvil.chainId()),
        "OUTBOX_DB",
        db,
        "OUTBOX_KEY",
        Numeric.toHexStringWithPrefixZeroPadded(sender.getEcKeyPair().getPrivateKey(), 64),
        "OUTBOX_INTENTS",
        intents,
        "OUTBOX_HALT",
        halt);
  }

  private static BigInteger wei(int i) {
    return BigInteger.valueOf(1_000_000_007L * (i + 1));
  }

  private BigInteger balance(String account) throws IOException {
    return anvil
        .web3j()
        .ethGetBalance(account, DefaultBlockParameterName.LATEST)
        .send()
        .getBalance();
  }

  private long nonce(String account) throws IOException {
    return anvil
        .web3j()
        .ethGetTransactionCount(account, DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  /** A child JVM on the test classpath running {@link OutboxCrashChild}, its stdout as lines. */
  private record Child(Process process, BlockingQueue<String> lines, List<String> seen) {
    static Child start(Map<String, String> env) throws IOException {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  OutboxCrashChild.class.getName())
              .redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException ignored) {
                  // the process was killed: its stream ends
                }
              },
              "outbox-child-stdout");
      reader.setDaemon(true);
      reader.start();
      return new Child(process, lines, new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    String awaitLine(java.util.function.Predicate<String> wanted, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          break;
        }
        seen.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
      process.destroyForcibly();
      throw new AssertionError(
          "child never printed the awaited line; its output:\n" + String.join("\n", seen));
    }
  }
}
