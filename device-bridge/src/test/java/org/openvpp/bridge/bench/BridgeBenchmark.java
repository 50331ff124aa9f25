package org.openvpp.bridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.testing.bench.ForkedRuns;
import org.openvpp.contracts.testing.bench.MachineProbe;
import org.openvpp.contracts.testing.bench.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge benchmark harness (bench/bridge/README.md), the only writer of
 * bench/results/bridge.json. Each figure is measured in fresh JVMs ({@link IngestFork}, {@link
 * DispatchFork}, JMH for the micro-figures), one checked run per fork, and reported as the median
 * with min, max and every run; machine, JDK, broker version and load average are detected. The file
 * is written only after every run passed its checks.
 */
public final class BridgeBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeBenchmark.class);
  private static final int MIN_RUNS = 5;

  private BridgeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/bridge.json");
    int forks = Integer.getInteger("bench.forks", MIN_RUNS);
    int perDevice = Integer.getInteger("bench.readingsPerDevice", 50);
    String forkHeap = System.getProperty("bench.forkHeap", "2g");
    if (forks < MIN_RUNS) {
      throw new IllegalArgumentException("bench.forks must be at least " + MIN_RUNS);
    }
    Path work = Files.createTempDirectory("bridge-bench");
    LOG.info("bridge benchmark: {} forks per figure, logs in {}", forks, work);
    Map<String, Object> load = new LinkedHashMap<>();
    load.put("atStart", MachineProbe.loadAverage());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("measuredAt", Instant.now().toString());
    json.put("command", System.getProperty("bench.command", "see bench/bridge/README.md"));
    json.put("machine", MachineProbe.machine());
    json.put("loadAverage", load);
    json.put("broker", brokers());
    json.put(
        "harness",
        Map.of(
            "runsPerFigure", forks,
            "run", "one checked run per forked JVM; median, min, max and every run reported",
            "forkHeap", forkHeap,
            "readingsPerDevice", perDevice,
            "devices", IngestFork.DEVICES));

    if (Boolean.parseBoolean(System.getProperty("bench.jmh", "true"))) {
      load.put("beforeMicro", MachineProbe.loadAverage());
      MicroBenchmarks jmh = new MicroBenchmarks(2, 5);
      Map<String, Summary> micro = jmh.run(work, "512m");
      json.put("jmh", jmh.describe());
      micro(micro, json);
    }
    ForkedRuns runs = new ForkedRuns(work, List.of("-Xmx" + forkHeap), 1800);
    load.put("beforeIngest", MachineProbe.loadAverage());
    Map<String, Summary> ingest =
        runs.summarize("ingest", IngestFork.class, forks, MIN_RUNS, String.valueOf(perDevice));
    ingest(ingest, json);
    Map<String, Map<String, Summary>> dispatch = new LinkedHashMap<>();
    for (String n : System.getProperty("bench.dispatchDevices", "1000,10000").split(",")) {
      load.put("beforeDispatch" + n, MachineProbe.loadAverage());
      dispatch.put(n, runs.summarize("dispatch-" + n, DispatchFork.class, forks, MIN_RUNS, n));
    }
    dispatch(dispatch, json);
    load.put("atEnd", MachineProbe.loadAverage());
    json.put("goals", Goals.evaluate(json));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json);
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.info("wrote {}", out.toAbsolutePath());
  }

  private static Map<String, Object> brokers() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put(
        "reference",
        MachineProbe.toolVersion("mosquitto", "-h")
                .or(() -> MachineProbe.toolVersion("/usr/sbin/mosquitto", "-h"))
                .orElse("mosquitto not found")
            + " on 127.0.0.1, QoS 1, Paho MQTT 5 clients");
    Properties p = new Properties();
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    b.put(
        "defaultBrokerPath",
        "BridgeConfig defaults without bridge.broker.url (port moved to a free one): "
            + BridgeConfig.load(p, Map.of()).describe());
    return b;
  }

  private static void micro(Map<String, Summary> m, Map<String, Object> json) {
    json.put(
        "signatureRecoveryPerSecondOneThread",
        Map.of(
            "java", round(m.get("SignatureRecoveryBench.javaRecovery")),
            "native", round(m.get("SignatureRecoveryBench.nativeRecovery"))));
    json.put(
        "readingCodecPerSecondOneThread",
        Map.of(
            "encode", round(m.get("ReadingCodecBench.encode")),
            "decode", round(m.get("ReadingCodecBench.decode"))));
    json.put(
        "meterReadingDigestPerSecondOneThread",
        round(m.get("TypedDataDigestBench.meterReadingDigest")));
  }

  private static void ingest(Map<String, Summary> f, Map<String, Object> json) {
    json.put("readings", f.get("readings").median());
    Map<String, Object> stages = new LinkedHashMap<>();
    for (String k :
        List.of(
            "verifyOnlyOneThreadPerSecond",
            "verifyOnlyTwoThreadsPerSecond",
            "storeOnlyFullSyncPerSecond",
            "storeOnlyNormalSyncPerSecond")) {
      stages.put(k, round(f.get(k)));
    }
    json.put("stagesAlone", stages);
    json.put("rawMqttMessagesPerSecond", round(f.get("rawMqttMessagesPerSecond")));
    json.put("verifiedStoredReadingsPerSecond", round(f.get("verifiedStoredReadingsPerSecond")));
    json.put(
        "duplicatesAnsweredDuringVerifiedRun", f.get("duplicatesAnsweredDuringVerifiedRun").max());
    json.put("verifiedToRawRatio", f.get("verifiedToRawRatio").rounded(3));
    json.put("defaultBrokerReadingsPerSecond", round(f.get("defaultBrokerReadingsPerSecond")));
    json.put("defaultBrokerBridgeStartMs", round(f.get("defaultBrokerBridgeStartMs")));
    Summary child = f.get("defaultBrokerChildProcess");
    json.put(
        "defaultBrokerDetected",
        child.min() == 1.0
            ? "broker child process of the bridge's JVM"
            : child.max() == 0.0 ? "in-process (no broker child process)" : "mixed: " + child);
  }

  private static void dispatch(Map<String, Map<String, Summary>> d, Map<String, Object> json) {
    json.put("dispatchCallTo99PctAckMs", byDevices(d, "callTo99PctAckMs"));
    json.put("dispatchAckFromCallP50Ms", byDevices(d, "fromCallP50Ms"));
    json.put("dispatchAckFromCallP99Ms", byDevices(d, "fromCallP99Ms"));
    json.put("dispatchAckP50Ms", byDevices(d, "publishedToAckP50Ms"));
    json.put("dispatchAckP99Ms", byDevices(d, "publishedToAckP99Ms"));
    json.put("dispatchAllAcknowledgedMs", byDevices(d, "allAcknowledgedMs"));
  }

  private static Map<String, Summary> byDevices(Map<String, Map<String, Summary>> d, String k) {
    Map<String, Summary> m = new LinkedHashMap<>();
    d.forEach((devices, figures) -> m.put(devices, figures.get(k)));
    return m;
  }

  private static Summary round(Summary s) {
    return s.rounded(0);
  }
}
