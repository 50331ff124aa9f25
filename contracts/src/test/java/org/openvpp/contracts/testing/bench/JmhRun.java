package org.openvpp.contracts.testing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH benchmarks (compiled only in a module's {@code bench} profile) in their own process with
 * JMH's own forks, on this JVM's java and class path, and reads JMH's JSON result: every
 * measurement iteration of every fork, in ops/s. Warm-up is 5 iterations of 1 s: a loaded machine
 * starves the JIT compiler threads, and a shorter warm-up left hot paths interpreted.
 */
public final class JmhRun {
  /**
   * @param jmhVersion the JMH version the results name
   * @param opsPerSecond benchmark name (after {@code include} and a dot) → ops/s of every iteration
   *     of every fork
   */
  public record Result(String jmhVersion, Map<String, List<Double>> opsPerSecond) {}

  private JmhRun() {}

  /**
   * Runs the benchmarks matching {@code include + ".*"}; {@code readme} names the page telling how
   * to build them, for the error when they are absent.
   */
  public static Result run(
      String include,
      int forks,
      int iterations,
      String forkHeap,
      Path workDir,
      Duration timeout,
      String readme)
      throws IOException, InterruptedException {
    if (JmhRun.class.getClassLoader().getResource("META-INF/BenchmarkList") == null) {
      throw new IllegalStateException(
          "no JMH benchmarks on the class path: run with -Pbench (see " + readme + ")");
    }
    Files.createDirectories(workDir);
    Path json = workDir.resolve("jmh.json");
    Path log = workDir.resolve("jmh.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + forkHeap, // JMH's forks inherit the host JVM's options
            "-cp",
            System.getProperty("java.class.path"),
            "org.openjdk.jmh.Main",
            include + ".*",
            "-f",
            String.valueOf(forks),
            "-wi",
            "5",
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
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException(
          "JMH still running after " + timeout.toMinutes() + " min; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("JMH failed (exit " + p.exitValue() + "); see " + log);
    }
    return read(json, include);
  }

  /** Reads JMH's JSON result file; refuses a benchmark not measured in ops/s. */
  public static Result read(Path json, String include) throws IOException {
    String jmhVersion = "unknown";
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
      jmhVersion = b.path("jmhVersion").asText(jmhVersion);
      String name = b.get("benchmark").asText().substring(include.length() + 1);
      if (!"ops/s".equals(b.get("primaryMetric").get("scoreUnit").asText())) {
        throw new IllegalStateException(name + " is not measured in ops/s");
      }
      List<Double> runs = new ArrayList<>();
      for (JsonNode fork : b.get("primaryMetric").get("rawData")) {
        fork.forEach(iteration -> runs.add(iteration.asDouble()));
      }
      out.put(name, runs);
    }
    return new Result(jmhVersion, out);
  }
}
