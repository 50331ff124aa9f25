package org.openvpp.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openvpp.contracts.testing.bench.Summary;

/**
 * Runs the JMH micro-figures (src/jmh/java, compiled in the {@code bench} profile) in their own
 * process with JMH's forks and reads JMH's JSON result. Each figure is summarized over every
 * measurement iteration of every fork. Without the profile the JMH classes are absent and this
 * fails with a message saying so.
 */
final class MicroBenchmarks {
  static final String PACKAGE = "org.openvpp.bridge.bench.micro";
  private final int forks;
  private final int iterations;
  private String jmhVersion = "unknown";

  MicroBenchmarks(int forks, int iterations) {
    this.forks = forks;
    this.iterations = iterations;
  }

  /** How the figures were measured, for the results file. */
  String describe() {
    return "JMH "
        + jmhVersion
        + ", "
        + forks
        + " forks x "
        + iterations
        + " iterations of 1 s after 3 warm-up iterations, one thread, ops/s; each call checks its"
        + " result";
  }

  /** Benchmark method name (class.method) → ops/s over every iteration of every fork. */
  Map<String, Summary> run(Path workDir, String forkHeap) throws IOException, InterruptedException {
    if (MicroBenchmarks.class.getClassLoader().getResource("META-INF/BenchmarkList") == null) {
      throw new IllegalStateException(
          "no JMH benchmarks on the class path: run with -Pbench (see bench/bridge/README.md)");
    }
    Path json = workDir.resolve("jmh.json");
    Path log = workDir.resolve("jmh.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + forkHeap, // JMH's forks inherit the host JVM's options
            "-cp",
            System.getProperty("java.class.path"),
            "org.openjdk.jmh.Main",
            PACKAGE + ".*",
            "-f",
            String.valueOf(forks),
            "-wi",
            "3",
            "-w",
            "1s",
            "-i",
            String.valueOf(iterations),
            "-r",
            "1s",
            "-foe",
            "true",
            "-rf",
            "json",
            "-rff",
            json.toString());
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException("JMH still running after 30 min; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("JMH failed (exit " + p.exitValue() + "); see " + log);
    }
    Map<String, Summary> out = new LinkedHashMap<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      jmhVersion = b.path("jmhVersion").asText(jmhVersion);
      String name = b.get("benchmark").asText().substring(PACKAGE.length() + 1);
      if (!"ops/s".equals(b.get("primaryMetric").get("scoreUnit").asText())) {
        throw new IllegalStateException(name + " is not measured in ops/s");
      }
      List<Double> runs = new ArrayList<>();
      for (JsonNode fork : b.get("primaryMetric").get("rawData")) {
        fork.forEach(iteration -> runs.add(iteration.asDouble()));
      }
      out.put(name, Summary.of(runs, 5));
    }
    return out;
  }
}
