package org.openvpp.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.testing.bench.ForkOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the ingest figures in a fresh JVM (started by {@link BridgeBenchmark}): the pipeline
 * stages alone, raw MQTT and verified + stored through Mosquitto, and verified + stored through the
 * node's default broker path, all on the same pre-signed payloads. Arguments: output file, readings
 * per device.
 */
public final class IngestFork {
  private static final Logger LOG = LoggerFactory.getLogger(IngestFork.class);
  static final int DEVICES = 1_000;

  private IngestFork() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int perDevice = Integer.parseInt(args[1]);
    Path work = Files.createTempDirectory("bridge-bench-ingest");
    Map<String, Double> f = new LinkedHashMap<>();
    ThroughputBench bench = new ThroughputBench(DEVICES, perDevice);
    bench.prepare();
    bench.verifyOnly(2); // warms the verification path up; checked like the measured runs
    f.put("verifyOnlyOneThreadPerSecond", bench.verifyOnly(1));
    f.put("verifyOnlyTwoThreadsPerSecond", bench.verifyOnly(2));
    f.put("storeOnlyFullSyncPerSecond", bench.storeOnly(work.resolve("s1.db"), "FULL"));
    f.put("storeOnlyNormalSyncPerSecond", bench.storeOnly(work.resolve("s2.db"), "NORMAL"));
    LOG.info("stages alone: {}", f);
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto-raw"))) {
      f.put("rawMqttMessagesPerSecond", bench.raw(broker.url()));
    }
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto-verified"))) {
      int threads = Runtime.getRuntime().availableProcessors();
      f.put(
          "verifiedStoredReadingsPerSecond",
          bench.verifiedStored(broker.url(), work.resolve("bridge"), threads));
      f.put("duplicatesAnsweredDuringVerifiedRun", (double) bench.lastDuplicates());
    }
    f.put(
        "verifiedToRawRatio",
        f.get("verifiedStoredReadingsPerSecond") / f.get("rawMqttMessagesPerSecond"));
    ThroughputBench.DefaultBrokerRun def = bench.defaultBroker(work.resolve("default"));
    LOG.info("default broker path: {}", def);
    f.put("defaultBrokerReadingsPerSecond", def.readingsPerSecond());
    f.put("defaultBrokerBridgeStartMs", def.bridgeStartMs());
    f.put("defaultBrokerChildProcess", def.brokerProcess().startsWith("none") ? 0.0 : 1.0);
    f.put("readings", (double) bench.messages());
    LOG.info("ingest figures: {}", f);
    ForkOutput.write(out, f);
    System.exit(0); // Paho and HiveMQ leave non-daemon threads behind
  }
}
