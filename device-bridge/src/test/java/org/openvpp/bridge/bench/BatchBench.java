package org.openvpp.bridge.bench;

import fr.acinq.secp256k1.Secp256k1;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.crypto.NativeRecovery;
import org.openvpp.bridge.crypto.NativeSigning;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Protocol revision 2 figures (h-batch's own harness; the shared one is {@link BridgeBenchmark}):
 *
 * <ul>
 *   <li>{@code crypto}: native libsecp256k1 recovery to an address (what the bridge does) against
 *       native verification with the device's public key cached; every result is checked.
 *   <li>{@code ingest}: verified and stored readings/s through Mosquitto and a {@code DeviceBridge}
 *       when devices publish batches of 1, 10 and 50 readings; every reading must be stored, no
 *       rejection but duplicates.
 * </ul>
 *
 * Run: {@code java -cp … org.openvpp.bridge.bench.BatchBench [crypto|ingest] [runs] [connections]}.
 * Prints one line per figure with median, min and max of the runs and the load average before and
 * after.
 */
public final class BatchBench {
  private BatchBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "crypto";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.println(
        "load before: "
            + load()
            + ", cores "
            + Runtime.getRuntime().availableProcessors()
            + ", JDK "
            + Runtime.version());
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    if (mode.equals("crypto")) {
      crypto(runs);
    } else if (mode.equals("device")) {
      deviceSide(runs);
    } else {
      for (int batch : new int[] {1, 10, 50}) {
        ingest(batch, runs, connections);
      }
    }
    System.out.println("load after: " + load());
    System.exit(0);
  }

  static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  static void report(String name, List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%s: median %.0f, min %.0f, max %.0f (%d runs)%n",
        name, v[v.length / 2], v[0], v[v.length - 1], v.length);
  }

  // ---- crypto ----

  private record Sample(byte[] digest, byte[] signature, byte[] publicKey, String address) {}

  static void crypto(int runs) {
    int n = 20_000;
    Secp256k1 secp = Secp256k1.get();
    NativeRecovery recovery = NativeRecovery.load().orElseThrow();
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(70_000 + i));
      NativeSigning signer = NativeSigning.forKey(key).orElseThrow();
      byte[] digest = org.web3j.crypto.Hash.sha3(Numeric.toBytesPadded(BigInteger.valueOf(i), 32));
      byte[] pub = secp.pubkeyCreate(Numeric.toBytesPadded(key.getPrivateKey(), 32));
      samples.add(
          new Sample(
              digest, signer.sign(digest), pub, Numeric.prependHexPrefix(Keys.getAddress(key))));
    }
    List<Double> recover = new ArrayList<>();
    List<Double> verify = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Sample s = samples.get(i % samples.size());
        if (!recovery.recover(s.digest(), s.signature()).orElseThrow().equals(s.address())) {
          throw new IllegalStateException("recovery gave another address");
        }
      }
      double r = n / ((System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Sample s = samples.get(i % samples.size());
        if (!secp.verify(Arrays.copyOf(s.signature(), 64), s.digest(), s.publicKey())) {
          throw new IllegalStateException("verification failed");
        }
      }
      double v = n / ((System.nanoTime() - t) / 1e9);
      if (run > 0) { // run 0 warms up
        recover.add(r);
        verify.add(v);
      }
    }
    report("native recover to address, per s, one thread", recover);
    report("native verify with cached public key, per s, one thread", verify);
  }

  // ---- device side ----

  /**
   * What one device pays to check a command it is named in, in Java (as {@code CommandGuard} does):
   * parse, EIP-712 digest, signature recovery; a single command against a 500-setpoint group.
   */
  static void deviceSide(int runs) {
    org.openvpp.bridge.protocol.Signer node = Fixtures.signer(100);
    List<org.openvpp.bridge.protocol.GroupCommand.Setpoint> setpoints = new ArrayList<>();
    for (int i = 0; i < org.openvpp.bridge.protocol.Protocol.MAX_GROUP_SETPOINTS; i++) {
      setpoints.add(
          new org.openvpp.bridge.protocol.GroupCommand.Setpoint(
              String.format("0x%040x", 1_000_000L + i * 7919L), -i));
    }
    long now = System.currentTimeMillis();
    var group =
        new org.openvpp.bridge.protocol.GroupCommand(
            node.address(), 5, now, now + 60_000, setpoints);
    byte[] groupWire = org.openvpp.bridge.protocol.GroupCommandCodec.encode(node.sign(group));
    var single =
        new org.openvpp.bridge.protocol.DispatchCommand(
            node.address(), setpoints.get(7).device(), 5, -7, now, now + 60_000);
    byte[] singleWire = org.openvpp.bridge.protocol.MessageCodec.encode(node.sign(single));
    String me = setpoints.get(7).device();
    List<Double> singles = new ArrayList<>();
    List<Double> groups = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      int n = 2_000;
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        var c = org.openvpp.bridge.protocol.MessageCodec.decodeCommand(singleWire).value().get();
        check(Fixtures.TYPED.digest(c.command()), c.signature(), node.address());
      }
      double sr = n / ((System.nanoTime() - t) / 1e9);
      t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        var g = org.openvpp.bridge.protocol.GroupCommandCodec.decode(groupWire).value().get();
        if (g.command().forDevice(me).isEmpty()) {
          throw new IllegalStateException("not named");
        }
        check(Fixtures.TYPED.digest(g.command()), g.signature(), node.address());
      }
      double gr = n / ((System.nanoTime() - t) / 1e9);
      if (run > 0) {
        singles.add(sr);
        groups.add(gr);
      }
    }
    report("device check of a single command (Java), per s, one thread", singles);
    report(
        "device check of a 500-setpoint group command ("
            + groupWire.length
            + " bytes, Java), per s, one thread",
        groups);
  }

  private static void check(byte[] digest, byte[] signature, String node) {
    if (!org.openvpp.contracts.eip712.Signatures.recoverAddress(digest, signature)
        .orElseThrow()
        .equals(node)) {
      throw new IllegalStateException("signature does not recover to the node");
    }
  }

  // ---- ingest ----

  static void ingest(int batchSize, int runs, int connections) throws Exception {
    int devices = 1_000;
    int perDevice = 50;
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    List<String> topics = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    long now = System.currentTimeMillis();
    List<List<SignedReading>> signed =
        IntStream.range(0, devices).parallel().mapToObj(i -> sign(i, perDevice, now)).toList();
    for (List<SignedReading> readings : signed) {
      String device = readings.get(0).reading().device();
      directory.put(Fixtures.battery(device, 10_000_000, 10_000));
    }
    for (int from = 0; from < perDevice; from += batchSize) {
      for (List<SignedReading> readings : signed) {
        String device = readings.get(0).reading().device();
        List<SignedReading> chunk = readings.subList(from, Math.min(perDevice, from + batchSize));
        if (batchSize == 1) {
          topics.add(Topics.device(device, Topics.READING));
          payloads.add(WireCodec.encode(chunk.get(0)));
        } else {
          topics.add(Topics.device(device, Topics.READINGS));
          payloads.add(ReadingBatchCodec.encode(new ReadingBatch(device, chunk)));
        }
      }
    }
    int total = devices * perDevice;
    List<Double> rates = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Path dir = Files.createTempDirectory("batch-bench");
      try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"))) {
        rates.add(run(broker.url(), dir, directory, topics, payloads, total, connections));
      }
    }
    report(
        "verified+stored readings/s, batches of "
            + batchSize
            + ", "
            + connections
            + " ingest connection(s) ("
            + total
            + " readings, load "
            + load()
            + ")",
        rates);
  }

  private static List<SignedReading> sign(int i, int perDevice, long now) {
    ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(90_000 + i));
    NativeSigning n = NativeSigning.forKey(key).orElseThrow();
    String address = Numeric.prependHexPrefix(Keys.getAddress(key));
    List<SignedReading> out = new ArrayList<>();
    for (int seq = 1; seq <= perDevice; seq++) {
      MeterReading r = new MeterReading(address, seq, now + seq, seq, 0, -1_000, 500);
      out.add(new SignedReading(r, SignatureType.SECP256K1, n.sign(Fixtures.TYPED.digest(r))));
    }
    return out;
  }

  private static double run(
      String url,
      Path dir,
      InMemoryDeviceDirectory directory,
      List<String> topics,
      List<byte[]> payloads,
      int total,
      int connections) {
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", url);
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    p.setProperty("bridge.verifier.threads", "2");
    p.setProperty("bridge.mqtt.client.id", "batch-bench-bridge");
    p.setProperty("bridge.ingest.connections", String.valueOf(connections));
    BridgeConfig config = BridgeConfig.load(p, Map.of());
    try (DeviceBridge bridge =
            DeviceBridge.start(
                config,
                directory,
                Fixtures.nodeKey(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        MqttConnection pub =
            MqttClients.create(
                MqttSettings.of(url, "batch-bench-pub").withCleanStart(true).withMaxInflight(1000),
                m -> {})) {
      pub.connect();
      long start = System.nanoTime();
      for (int i = 0; i < payloads.size(); i++) {
        pub.publish(topics.get(i), payloads.get(i), 1, false);
      }
      Await.until(
          Duration.ofMinutes(5),
          () ->
              bridge.storedCount() >= total
                  || bridge.rejections().total()
                      > bridge.rejections().count(RejectionReason.DUPLICATE),
          "verified and stored");
      double rate = bridge.storedCount() / ((System.nanoTime() - start) / 1e9);
      long dup = bridge.rejections().count(RejectionReason.DUPLICATE);
      if (bridge.storedCount() != total || bridge.rejections().total() != dup) {
        throw new IllegalStateException(
            bridge.storedCount() + " stored, " + bridge.rejections().total() + " rejected");
      }
      if (bridge.store().count() != total) {
        throw new IllegalStateException("store holds " + bridge.store().count());
      }
      return rate;
    }
  }
}
