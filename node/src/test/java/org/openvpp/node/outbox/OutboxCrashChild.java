package org.openvpp.node.outbox;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.openvpp.node.store.Database;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A node-like process for {@link OutboxCrashIT}: runs the outbox over intents given in the
 * environment, prints {@code STEP <step> <key>} at every commit point and, at the step it is told,
 * prints {@code HALTED <step> <key>} and waits to be killed (SIGKILL from the test). Without a halt
 * it prints {@code IDLE} once every intent is final and exits 0.
 *
 * <p>Environment: {@code OUTBOX_RPC}, {@code OUTBOX_CHAIN_ID}, {@code OUTBOX_DB} (JDBC URL), {@code
 * OUTBOX_KEY} (private key hex: a secret, never an argument), {@code OUTBOX_INTENTS} ({@code
 * key:to:wei,...}), {@code OUTBOX_HALT} ({@code STEP:key} or absent).
 */
public final class OutboxCrashChild {
  private OutboxCrashChild() {}

  public static void main(String[] args) throws Exception {
    String halt = System.getenv().getOrDefault("OUTBOX_HALT", "");
    Web3j web3j = Web3j.build(new HttpService(System.getenv("OUTBOX_RPC")));
    try (Database db = Database.open(System.getenv("OUTBOX_DB"))) {
      TransactionOutbox outbox =
          new TransactionOutbox(
              db,
              new Web3jChainGateway(web3j, Long.parseLong(System.getenv("OUTBOX_CHAIN_ID"))),
              Credentials.create(System.getenv("OUTBOX_KEY")),
              FeePolicy.defaults(),
              (step, key) -> {
                System.out.println("STEP " + step + " " + key);
                if (halt.equals(step + ":" + key)) {
                  System.out.println("HALTED " + step + " " + key);
                  System.out.flush();
                  waitForTheKill();
                }
              });
      List<Intent> intents = intents(System.getenv("OUTBOX_INTENTS"));
      for (Intent intent : intents) {
        outbox.enqueue(intent);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!outbox.idle()) {
        if (System.nanoTime() > deadline) {
          System.out.println("TIMEOUT");
          System.exit(3);
        }
        outbox.step();
        // The node runs passes on a timer; a hot loop would only starve a loaded machine.
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      for (Intent intent : intents) {
        System.out.println("FINAL " + outbox.status(intent.key()).orElseThrow());
        for (Attempt a : outbox.attempts(intent.key())) {
          System.out.println(
              "ATTEMPT " + a.key() + " " + a.nonce() + " " + a.txHash() + " " + a.fees());
        }
      }
      System.out.println("IDLE");
    } finally {
      web3j.shutdown();
    }
  }

  private static void waitForTheKill() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Intent> intents(String spec) {
    List<Intent> intents = new ArrayList<>();
    for (String item : spec.split(",")) {
      String[] parts = item.split(":");
      intents.add(new Intent(parts[0], parts[1], "0x", new BigInteger(parts[2])));
    }
    return intents;
  }
}
