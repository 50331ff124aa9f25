package org.openvpp.node.p2p.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openvpp.contracts.testing.bench.Summary;

/**
 * Runs the JMH micro-figures of the p2p layer (node/src/jmh/java, compiled only in the {@code
 * bench} profile) in their own process with JMH's own forks, on this JVM's java, and reads JMH's
 * JSON result: MB/s per benchmark over every measurement iteration of every fork.
 */
final class P2pMicroBenchmarks {
  static final String BENCH = "org.openvpp.node.p2p.noise.NoiseCipherBench";
  static final int FRAME_BYTES = 65_535 - 16;
  private final int forks;
  private final int iterations;
  private String jmhVersion = "unknown";

  P2pMicroBenchmarks(int forks, int iterations) {
    this.forks = forks;
    this.iterations = iterations;
  }

  String describe() {
    return "JMH "
        + jmhVersion
        + ", "
        + forks
        + " forks x "
        + iterations
        + " iterations of 1 s after 5 warm-up iterations, one thread; MB/s = frames/s x "
        + FRAME_BYTES
        + " plaintext bytes; each call checks its result";
  }

  /** Benchmark method → MB/s over every iteration of every fork. */
  Map<String, Summary> run(Path workDir) throws IOException, InterruptedException {
    if (getClass().getClassLoader().getResource("META-INF/BenchmarkList") == null) {
      throw new IllegalStateException(
          "no JMH benchmarks on the class path: run with -Pbench (see bench/p2p/README.md)");
    }
    Files.createDirectories(workDir);
    Path json = workDir.resolve("jmh.json");
    Path log = workDir.resolve("jmh.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            "org.openjdk.jmh.Main",
            BENCH + ".*",
            "-f",
            String.valueOf(forks),
            "-wi",
            "5", // a loaded machine starves the JIT: 3 s left the decrypt path uncompiled
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
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new IllegalStateException("JMH still running after 20 min; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("JMH failed (exit " + p.exitValue() + "); see " + log);
    }
    Map<String, Summary> out = new LinkedHashMap<>();
    for (Object o : new JsonArray(Files.readString(json))) {
      JsonObject b = (JsonObject) o;
      jmhVersion = b.getString("jmhVersion", jmhVersion);
      String name = b.getString("benchmark").substring(BENCH.length() + 1);
      JsonObject metric = b.getJsonObject("primaryMetric");
      if (!"ops/s".equals(metric.getString("scoreUnit"))) {
        throw new IllegalStateException(name + " is not measured in ops/s");
      }
      List<Double> mbps = new ArrayList<>();
      for (Object fork : metric.getJsonArray("rawData")) {
        for (Object iteration : (JsonArray) fork) {
          mbps.add(((Number) iteration).doubleValue() * FRAME_BYTES / 1e6);
        }
      }
      out.put(name, Summary.of(mbps, 5));
    }
    return out;
  }
}
