package org.openvpp.bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge benchmark (bench/bridge/README.md). Against Mosquitto on loopback: raw QoS 1
 * throughput, verified-and-stored throughput, signature recovery (Java vs native) and dispatch
 * fan-out latency for 1,000 and 10,000 devices. Writes bench/results/bridge.json.
 */
public final class BridgeBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeBenchmark.class);

  private BridgeBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/bridge.json");
    int devices = 1_000;
    int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Path work = Files.createTempDirectory("bridge-bench");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("measuredAt", Instant.now().toString());
    json.put("machine", machine());
    json.put("command", System.getProperty("bench.command", "see bench/bridge/README.md"));
    json.put(
        "broker", "Mosquitto 2.0.11 (Debian package) on 127.0.0.1, QoS 1, Paho MQTT 5 clients");

    Map<String, Double> recovery = ThroughputBench.recovery(20_000);
    LOG.info("signature recovery per second, one thread: {}", recovery);
    json.put("signatureRecoveryPerSecondOneThread", recovery);

    ThroughputBench throughput = new ThroughputBench(devices, perDevice);
    throughput.prepare();
    json.put("readings", throughput.messages());
    Map<String, Object> stages = new LinkedHashMap<>();
    throughput.verifyOnly(2); // warm-up
    stages.put("verifyOnlyOneThreadPerSecond", Math.round(throughput.verifyOnly(1)));
    stages.put("verifyOnlyTwoThreadsPerSecond", Math.round(throughput.verifyOnly(2)));
    stages.put(
        "storeOnlyFullSyncPerSecond",
        Math.round(throughput.storeOnly(work.resolve("s1.db"), "FULL")));
    stages.put(
        "storeOnlyNormalSyncPerSecond",
        Math.round(throughput.storeOnly(work.resolve("s2.db"), "NORMAL")));
    LOG.info("pipeline stages alone: {}", stages);
    json.put("stagesAlone", stages);
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto-raw"))) {
      double raw = throughput.raw(broker.url());
      LOG.info("raw MQTT: {} msg/s", Math.round(raw));
      json.put("rawMqttMessagesPerSecond", Math.round(raw));
    }
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto-verified"))) {
      int threads = Runtime.getRuntime().availableProcessors();
      double verified = throughput.verifiedStored(broker.url(), work.resolve("bridge"), threads);
      LOG.info("verified and stored: {} readings/s", Math.round(verified));
      json.put("verifiedStoredReadingsPerSecond", Math.round(verified));
      json.put("duplicatesAnsweredDuringVerifiedRun", throughput.lastDuplicates());
      json.put(
          "verifiedToRawRatio",
          Math.round(
                  1000.0 * verified / ((Number) json.get("rawMqttMessagesPerSecond")).doubleValue())
              / 1000.0);
    }
    dispatch(work, json);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    LOG.info("wrote {}", out.toAbsolutePath());
    System.exit(0);
  }

  private static void dispatch(Path work, Map<String, Object> json) {
    Map<String, Object> p50 = new LinkedHashMap<>();
    Map<String, Object> p99 = new LinkedHashMap<>();
    Map<String, Object> all = new LinkedHashMap<>();
    for (int n : new int[] {1_000, 10_000}) {
      try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto-" + n))) {
        DispatchBench.Result r = DispatchBench.run(broker.url(), work.resolve("dispatch-" + n), n);
        LOG.info("dispatch to {} devices: {}", n, r);
        p50.put(String.valueOf(n), r.p50());
        p99.put(String.valueOf(n), r.p99());
        all.put(String.valueOf(n), r.allAckedMs());
      }
    }
    json.put("dispatchAckP50Ms", p50);
    json.put("dispatchAckP99Ms", p99);
    json.put("dispatchAllAcknowledgedMs", all);
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    try {
      m.put(
          "loadAverageAtStart",
          Files.readString(Path.of("/proc/loadavg")).trim() + " (other engineers share the cores)");
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
    } catch (IOException e) {
      m.put("cpu", "unknown");
    }
    return m;
  }
}
