package org.openvpp.bridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.crypto.NativeRecovery;
import org.openvpp.bridge.crypto.NativeSigning;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.web3j.crypto.ECKeyPair;

/** Raw MQTT throughput versus verified-and-stored throughput, same publisher, same payloads. */
final class ThroughputBench {
  private final int devices;
  private final int perDevice;
  private final List<String> topics = new ArrayList<>();
  private final List<byte[]> payloads = new ArrayList<>();
  private final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
  private long lastDuplicates;

  ThroughputBench(int devices, int perDevice) {
    this.devices = devices;
    this.perDevice = perDevice;
  }

  /** Signs every reading up front (natively, in parallel) so publishing is not the bottleneck. */
  void prepare() {
    long now = System.currentTimeMillis();
    List<List<byte[]>> perDevicePayloads =
        IntStream.range(0, devices)
            .parallel()
            .mapToObj(
                i -> {
                  ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(50_000 + i));
                  Signer s = new Signer(Fixtures.TYPED, key);
                  NativeSigning n = NativeSigning.forKey(key).orElseThrow();
                  List<byte[]> out = new ArrayList<>();
                  for (int seq = 1; seq <= perDevice; seq++) {
                    MeterReading r =
                        new MeterReading(s.address(), seq, now + seq, seq, 0, -1_000, 500);
                    byte[] sig = n.sign(Fixtures.TYPED.digest(r));
                    out.add(WireCodec.encode(new SignedReading(r, SignatureType.SECP256K1, sig)));
                  }
                  directory.put(Fixtures.battery(s.address(), 10_000_000, 10_000));
                  return out;
                })
            .toList();
    for (int seq = 0; seq < perDevice; seq++) {
      for (int d = 0; d < devices; d++) {
        byte[] p = perDevicePayloads.get(d).get(seq);
        payloads.add(p);
        topics.add(Topics.device(deviceOf(p), Topics.READING));
      }
    }
  }

  private static String deviceOf(byte[] payload) {
    return WireCodec.decodeReading(payload).value().orElseThrow().reading().device();
  }

  /** Readings answered as duplicates during the last verified run (redeliveries). */
  long lastDuplicates() {
    return lastDuplicates;
  }

  int messages() {
    return payloads.size();
  }

  /** Messages per second from first publish to last delivery, subscriber acknowledging. */
  double raw(String url) {
    AtomicLong received = new AtomicLong();
    try (MqttConnection sub =
            MqttClients.create(
                MqttSettings.of(url, "bench-raw-sub"), m -> received.incrementAndGet());
        MqttConnection pub = publisher(url)) {
      sub.connect();
      sub.subscribe(Topics.allDevices(Topics.READING), 1);
      long start = System.nanoTime();
      publishAll(pub);
      Await.until(Duration.ofMinutes(5), () -> received.get() >= payloads.size(), "raw delivery");
      return payloads.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Readings per second from first publish until every reading is verified and stored. */
  double verifiedStored(String url, Path dataDir, int verifierThreads) {
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", url);
    p.setProperty("bridge.data.dir", dataDir.toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    p.setProperty("bridge.verifier.threads", String.valueOf(verifierThreads));
    p.setProperty("bridge.mqtt.client.id", "bench-bridge");
    BridgeConfig config = BridgeConfig.load(p, Map.of());
    try (DeviceBridge bridge =
            DeviceBridge.start(
                config,
                directory,
                Fixtures.nodeKey(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        MqttConnection pub = publisher(url)) {
      long start = System.nanoTime();
      publishAll(pub);
      Await.until(
          Duration.ofMinutes(5),
          () ->
              bridge.storedCount() >= payloads.size()
                  || bridge.rejections().total()
                      > bridge
                          .rejections()
                          .count(org.openvpp.bridge.protocol.RejectionReason.DUPLICATE),
          "verified and stored");
      double rate = bridge.storedCount() / ((System.nanoTime() - start) / 1e9);
      long duplicates =
          bridge.rejections().count(org.openvpp.bridge.protocol.RejectionReason.DUPLICATE);
      if (bridge.rejections().total() != duplicates || bridge.storedCount() != payloads.size()) {
        throw new IllegalStateException(
            bridge.rejections().total() + " rejected, " + bridge.storedCount() + " stored");
      }
      lastDuplicates = duplicates;
      return rate;
    }
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
    for (int i = 0; i < payloads.size(); i++) {
      pub.publish(topics.get(i), payloads.get(i), 1, false);
    }
  }

  /** Verification alone (decode, digest, native recovery, checks) on {@code threads} threads. */
  double verifyOnly(int threads) {
    var verifier =
        new org.openvpp.bridge.verify.ReadingVerifier(
            Fixtures.TYPED,
            org.openvpp.bridge.crypto.AddressRecovery.fastest(),
            directory,
            (d, s) -> java.util.Optional.empty(),
            Clock.systemUTC());
    List<org.openvpp.bridge.verify.CursorTable> cursors = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      cursors.add(new org.openvpp.bridge.verify.CursorTable());
    }
    long start = System.nanoTime();
    IntStream.range(0, threads)
        .parallel()
        .forEach(
            t -> {
              for (int i = t; i < payloads.size(); i += threads) {
                String device = topics.get(i).split("/")[3];
                if (!verifier.verify(device, payloads.get(i), cursors.get(t)).isOk()
                    && threads == 1) {
                  throw new IllegalStateException("rejected in verify-only run");
                }
              }
            });
    return payloads.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** Durable storage alone: batches of 2,000 with the given synchronous mode. */
  double storeOnly(Path file, String synchronous) {
    List<org.openvpp.bridge.store.StoredReading> rows = new ArrayList<>();
    for (byte[] p : payloads) {
      rows.add(
          new org.openvpp.bridge.store.StoredReading(
              WireCodec.decodeReading(p).value().orElseThrow(), 0));
    }
    try (var store = org.openvpp.bridge.store.SqliteReadingStore.open(file, synchronous)) {
      long start = System.nanoTime();
      for (int i = 0; i < rows.size(); i += 2_000) {
        store.append(rows.subList(i, Math.min(rows.size(), i + 2_000)));
      }
      return rows.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Single-thread signature recoveries per second: Java path and native path. */
  static Map<String, Double> recovery(int n) {
    ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(77));
    List<byte[]> digests = new ArrayList<>();
    List<byte[]> sigs = new ArrayList<>();
    NativeSigning signer = NativeSigning.forKey(key).orElseThrow();
    for (int i = 0; i < n; i++) {
      byte[] d = org.web3j.crypto.Hash.sha3(BigInteger.valueOf(i).toByteArray());
      digests.add(d);
      sigs.add(signer.sign(d));
    }
    var javaPath = new JavaRecovery();
    var nativePath = NativeRecovery.load().orElseThrow();
    for (int round = 0; round < 2; round++) { // first round warms up the JIT
      time(n, i -> javaPath.recover(digests.get(i), sigs.get(i)));
      time(n, i -> nativePath.recover(digests.get(i), sigs.get(i)));
    }
    return Map.of(
        "java", time(n, i -> javaPath.recover(digests.get(i), sigs.get(i))),
        "native", time(n, i -> nativePath.recover(digests.get(i), sigs.get(i))));
  }

  private static double time(int n, java.util.function.IntConsumer op) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      op.accept(i);
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }
}
