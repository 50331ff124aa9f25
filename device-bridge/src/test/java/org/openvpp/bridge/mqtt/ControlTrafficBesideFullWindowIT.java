package org.openvpp.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.bridge.testkit.TcpRelay;
import org.openvpp.contracts.testing.Await;

/**
 * QoS 0 control traffic (the node's heartbeats, receipts to devices) must not wait for QoS 1
 * acknowledgements: with the QoS 1 window full because no PUBACK comes back (the relay holds the
 * broker's replies; what the client sends still reaches the broker), a heartbeat and a burst of
 * receipts published from one timer thread still reach a subscriber within a bound.
 */
class ControlTrafficBesideFullWindowIT {
  /** A heartbeat every 5 s is due at the latest this long after it was published. */
  private static final Duration BOUND = Duration.ofSeconds(3);

  private static final int RECEIPTS = 200;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  private final ExecutorService timer = Executors.newSingleThreadExecutor();
  private final ExecutorService commands = Executors.newSingleThreadExecutor();

  @AfterEach
  void close() throws Exception {
    commands.shutdownNow();
    timer.shutdownNow();
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /**
   * {@code window} 100 saturates the client's own QoS 1 window; 5,000 is above the broker's receive
   * maximum, so the MQTT client library's window is the one that fills.
   */
  @ParameterizedTest
  @ValueSource(ints = {100, 5_000})
  void heartbeatsAndReceiptsGoOutWhileTheQos1WindowIsFull(int window) {
    MosquittoBroker broker = keep(MosquittoBroker.start(dir.resolve("mosquitto")));
    TcpRelay relay = keep(TcpRelay.to(broker.port()));
    Set<String> seen = ConcurrentHashMap.newKeySet();
    MqttConnection observer =
        keep(
            MqttClients.create(
                MqttSettings.of(broker.url(), "observer"),
                m -> seen.add(m.topic() + " " + new String(m.payload(), StandardCharsets.UTF_8))));
    observer.connect();
    observer.subscribe("node/#", 0);
    observer.subscribe("dev/#", 0);

    MqttConnection bridge =
        keep(
            MqttClients.create(
                MqttSettings.of(relay.url(), "bridge").withMaxInflight(window), m -> {}));
    bridge.connect();
    relay.holdReplies();

    // Commands (QoS 1) from another thread until the window is full: none is acknowledged.
    AtomicInteger issued = new AtomicInteger();
    List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
    commands.execute(
        () -> {
          for (int i = 0; i < window + 2_000 && !Thread.currentThread().isInterrupted(); i++) {
            acks.add(bridge.publish("cmd/" + i, new byte[64], 1, false));
            issued.incrementAndGet();
          }
        });
    Await.until(Duration.ofSeconds(20), stalled(issued), "the command publisher blocked");
    assertThat(acks).noneMatch(CompletableFuture::isDone);

    long start = System.nanoTime();
    timer.execute(
        () -> {
          bridge.publish("node/heartbeat", "beat".getBytes(StandardCharsets.UTF_8), 0, false);
          for (int i = 0; i < RECEIPTS; i++) {
            bridge.publish(
                "dev/" + i + "/receipt", ("seq " + i).getBytes(StandardCharsets.UTF_8), 0, false);
          }
        });
    Await.until(
        BOUND,
        () -> seen.contains("node/heartbeat beat") && seen.size() == RECEIPTS + 1,
        "heartbeat and " + RECEIPTS + " receipts beside a full QoS 1 window");
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "window %d: %d commands unacknowledged, heartbeat + %d receipts delivered in %d ms%n",
        window, issued.get(), RECEIPTS, ms);
    assertThat(acks).noneMatch(CompletableFuture::isDone);

    // Nothing was lost: once the replies flow again every command is acknowledged.
    relay.releaseReplies();
    Await.until(
        Duration.ofSeconds(30),
        () -> acks.size() == window + 2_000 && acks.stream().allMatch(CompletableFuture::isDone),
        "every command acknowledged after the replies flow again");
    assertThat(acks).noneMatch(CompletableFuture::isCompletedExceptionally);
  }

  /** Holds once {@code count} is positive and has not moved for half a second. */
  private static Await.Condition stalled(AtomicInteger count) {
    long[] last = {-1, System.nanoTime()};
    return () -> {
      int now = count.get();
      if (now != last[0]) {
        last[0] = now;
        last[1] = System.nanoTime();
        return false;
      }
      return now > 0 && System.nanoTime() - last[1] > 500_000_000L;
    };
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }
}
