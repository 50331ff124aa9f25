package org.openvpp.bridge.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvpp.bridge.broker.BrokerMode;
import org.openvpp.bridge.broker.LocalBroker;
import org.openvpp.bridge.broker.LocalBrokers;

/**
 * Figures for docs/adr/0004: each broker the bridge can start itself, measured in a fresh JVM per
 * run (the embedded broker's start depends on a cold JVM): start time (JVM start to listening, and
 * the broker's own start call), raw QoS 1 messages/s, readings/s verified and stored by the bridge
 * through that broker, and stop time. Prints one line per run and the median, min and max of each
 * figure per broker.
 *
 * <p>{@code DefaultBrokerBench [runs] [readingsPerDevice]} (1,000 devices); a forked run is {@code
 * DefaultBrokerBench one <mode> <readingsPerDevice>}.
 */
public final class DefaultBrokerBench {
  private static final String RESULT = "BROKER-RESULT ";
  private static final List<String> FIGURES =
      List.of("jvmToListeningMs", "startCallMs", "rawMsgPerS", "verifiedStoredPerS", "stopMs");

  private DefaultBrokerBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("one")) {
      one(BrokerMode.parse(args[1]), Integer.parseInt(args[2]));
      System.exit(0);
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    System.out.printf(
        "cores %d, load average %.2f, %s %s, %d runs, %d readings%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        runs,
        1_000 * perDevice);
    for (String mode : List.of("mosquitto", "embedded")) {
      List<Map<String, Double>> results = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        Map<String, Double> one = fork(mode, perDevice);
        System.out.println(mode + " run " + (r + 1) + ": " + one);
        results.add(one);
      }
      for (String figure : FIGURES) {
        List<Double> v = results.stream().map(m -> m.get(figure)).sorted().toList();
        System.out.printf(
            Locale.ROOT,
            "%s %s: median %.0f, min %.0f, max %.0f%n",
            mode,
            figure,
            v.get(v.size() / 2),
            v.get(0),
            v.get(v.size() - 1));
      }
    }
    System.out.printf(
        "load average after: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static Map<String, Double> fork(String mode, int perDevice) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DefaultBrokerBench.class.getName(),
                "one",
                mode,
                String.valueOf(perDevice))
            .redirectErrorStream(true)
            .start();
    Map<String, Double> result = null;
    StringBuilder tail = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(RESULT)) {
          result = parse(line.substring(RESULT.length()));
        } else {
          tail.append(line).append('\n');
          if (tail.length() > 4_000) {
            tail.delete(0, tail.length() - 4_000);
          }
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException(mode + " run failed:\n" + tail);
    }
    return result;
  }

  private static Map<String, Double> parse(String text) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String pair : text.trim().split(" ")) {
      String[] kv = pair.split("=");
      m.put(kv[0], Double.parseDouble(kv[1]));
    }
    return m;
  }

  /** One measurement in this (fresh) JVM: the broker starts before anything else warms up. */
  private static void one(BrokerMode mode, int perDevice) throws Exception {
    Path work = Files.createTempDirectory("default-broker-bench");
    // Logging is set up before the clock starts, as in the node, where it precedes the bridge.
    org.slf4j.LoggerFactory.getLogger(DefaultBrokerBench.class).info("measuring {}", mode.key());
    long call = System.nanoTime();
    LocalBroker broker =
        LocalBrokers.start(
                new LocalBrokers.Choice(mode, "127.0.0.1", 0, work, java.util.Optional.empty()))
            .orElseThrow();
    long listening = System.nanoTime();
    long jvmToListening =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    ThroughputBench bench = new ThroughputBench(1_000, perDevice);
    bench.prepare();
    double raw = bench.raw(broker.url());
    double verified = bench.verifiedStored(broker.url(), work.resolve("bridge"), 2);
    long stop = System.nanoTime();
    broker.close();
    long stopped = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%sjvmToListeningMs=%d startCallMs=%d rawMsgPerS=%.0f verifiedStoredPerS=%.0f stopMs=%d%n",
        RESULT,
        jvmToListening,
        (listening - call) / 1_000_000,
        raw,
        verified,
        (stopped - stop) / 1_000_000);
  }
}
