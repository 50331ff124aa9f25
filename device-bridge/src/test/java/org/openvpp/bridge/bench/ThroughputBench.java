package org.openvpp.bridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.store.SqliteReadingStore;
import org.openvpp.bridge.store.StoredReading;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.bridge.verify.CursorTable;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.contracts.testing.Await;

/**
 * Raw MQTT throughput versus verified-and-stored throughput, same publisher, same payloads; each
 * figure is counted only after its results were checked ({@link ExpectedReadings}).
 */
final class ThroughputBench {
  private final int devices;
  private final int perDevice;
  private ExpectedReadings expected;
  private long lastDuplicates;

  ThroughputBench(int devices, int perDevice) {
    this.devices = devices;
    this.perDevice = perDevice;
  }

  /** What a bridge on the default broker path did: start time, rate, broker child processes. */
  record DefaultBrokerRun(double bridgeStartMs, double readingsPerSecond, String brokerProcess) {}

  void prepare() {
    expected = new ExpectedReadings(devices, perDevice);
  }

  /** Readings answered as duplicates during the last verified run (redeliveries). */
  long lastDuplicates() {
    return lastDuplicates;
  }

  int messages() {
    return expected.messages();
  }

  /** Messages per second from first publish to the last distinct delivery, all checked. */
  double raw(String url) {
    Set<ByteBuffer> received = ConcurrentHashMap.newKeySet();
    try (MqttConnection sub =
            MqttClients.create(
                MqttSettings.of(url, "bench-raw-sub"),
                m -> received.add(ByteBuffer.wrap(m.payload())));
        MqttConnection pub = publisher(url)) {
      sub.connect();
      sub.subscribe(Topics.allDevices(Topics.READING), 1);
      long start = System.nanoTime();
      publishAll(pub);
      Await.until(Duration.ofMinutes(5), () -> received.size() >= messages(), "raw delivery");
      double rate = messages() / ((System.nanoTime() - start) / 1e9);
      expected.checkReceived(received);
      return rate;
    }
  }

  /** Readings per second from first publish until every reading is verified and stored. */
  double verifiedStored(String url, Path dataDir, int verifierThreads) {
    Properties p = properties(dataDir, verifierThreads);
    p.setProperty("bridge.broker.url", url);
    return run(BridgeConfig.load(p, Map.of()), url, dataDir).readingsPerSecond();
  }

  /**
   * The same through the node's default broker path: whatever {@link BridgeConfig}'s defaults start
   * when no broker URL is configured (only the port is moved to a free one).
   */
  DefaultBrokerRun defaultBroker(Path dataDir) {
    Properties p = properties(dataDir, Runtime.getRuntime().availableProcessors());
    p.setProperty("bridge.embedded.port", String.valueOf(MosquittoBroker.freePort()));
    BridgeConfig config = BridgeConfig.load(p, Map.of());
    if (config.brokerUrl().isPresent()) {
      throw new IllegalStateException("the default configuration names a broker URL");
    }
    return run(config, "tcp://" + config.embeddedBind() + ":" + config.embeddedPort(), dataDir);
  }

  private static Properties properties(Path dataDir, int verifierThreads) {
    Properties p = new Properties();
    p.setProperty("bridge.data.dir", dataDir.toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    p.setProperty("bridge.verifier.threads", String.valueOf(verifierThreads));
    p.setProperty("bridge.mqtt.client.id", "bench-bridge");
    return p;
  }

  private DefaultBrokerRun run(BridgeConfig config, String publishUrl, Path dataDir) {
    long t0 = System.nanoTime();
    DefaultBrokerRun result;
    try (DeviceBridge bridge =
        DeviceBridge.start(
            config,
            expected.directory,
            Fixtures.nodeKey(),
            new SimpleMeterRegistry(),
            Clock.systemUTC())) {
      double startMs = (System.nanoTime() - t0) / 1e6;
      String brokerProcess =
          ProcessHandle.current()
              .children()
              .map(c -> c.info().command().orElse("?"))
              .filter(c -> c.contains("mosquitto") || c.contains("broker"))
              .findFirst()
              .orElse("none: in-process");
      try (MqttConnection pub = publisher(publishUrl)) {
        long start = System.nanoTime();
        publishAll(pub);
        Await.until(
            Duration.ofMinutes(10),
            () ->
                bridge.storedCount() >= messages()
                    || bridge.rejections().total()
                        > bridge.rejections().count(RejectionReason.DUPLICATE),
            "verified and stored");
        double rate = bridge.storedCount() / ((System.nanoTime() - start) / 1e9);
        long duplicates = bridge.rejections().count(RejectionReason.DUPLICATE);
        if (bridge.rejections().total() != duplicates || bridge.storedCount() != messages()) {
          throw new IllegalStateException(
              bridge.rejections().total() + " rejected, " + bridge.storedCount() + " stored");
        }
        lastDuplicates = duplicates;
        result = new DefaultBrokerRun(startMs, rate, brokerProcess);
      }
    }
    expected.checkStored(dataDir);
    return result;
  }

  void publishAllTo(String url) {
    try (MqttConnection pub = publisher(url)) {
      publishAll(pub);
    }
  }

  private static MqttConnection publisher(String url) {
    MqttConnection pub =
        MqttClients.create(
            MqttSettings.of(url, "bench-publisher").withCleanStart(true).withMaxInflight(1000),
            m -> {});
    pub.connect();
    return pub;
  }

  private void publishAll(MqttConnection pub) {
    for (int i = 0; i < messages(); i++) {
      pub.publish(expected.topics.get(i), expected.payloads.get(i), 1, false);
    }
  }

  /**
   * Verification alone (decode, digest, native recovery, checks) on {@code threads} threads, each
   * thread owning whole devices; every payload must be accepted as its own device's reading.
   */
  double verifyOnly(int threads) {
    var verifier =
        new ReadingVerifier(
            Fixtures.TYPED,
            AddressRecovery.fastest(),
            expected.directory,
            (d, s) -> Optional.empty(),
            Clock.systemUTC());
    AtomicLong accepted = new AtomicLong();
    long start = System.nanoTime();
    IntStream.range(0, threads)
        .parallel()
        .forEach(
            t -> {
              CursorTable cursors = new CursorTable();
              long ok = 0;
              for (int i = 0; i < messages(); i++) {
                if (expected.deviceIndex(i) % threads != t) {
                  continue;
                }
                String device = expected.device(i);
                var result = verifier.verify(device, expected.payloads.get(i), cursors);
                if (!result.isOk()
                    || !result.value().orElseThrow().reading().device().equals(device)) {
                  throw new IllegalStateException("rejected in verify-only run: " + result);
                }
                ok++;
              }
              accepted.addAndGet(ok);
            });
    double rate = messages() / ((System.nanoTime() - start) / 1e9);
    if (accepted.get() != messages()) {
      throw new IllegalStateException(accepted.get() + " of " + messages() + " verified");
    }
    return rate;
  }

  /** Durable storage alone: batches of 2,000 with the given synchronous mode, then checked. */
  double storeOnly(Path file, String synchronous) {
    List<StoredReading> rows = new ArrayList<>();
    for (byte[] p : expected.payloads) {
      rows.add(new StoredReading(WireCodec.decodeReading(p).value().orElseThrow(), 0));
    }
    try (var store = SqliteReadingStore.open(file, synchronous)) {
      long start = System.nanoTime();
      for (int i = 0; i < rows.size(); i += 2_000) {
        store.append(rows.subList(i, Math.min(rows.size(), i + 2_000)));
      }
      double rate = rows.size() / ((System.nanoTime() - start) / 1e9);
      expected.checkStored(store);
      return rate;
    }
  }
}
