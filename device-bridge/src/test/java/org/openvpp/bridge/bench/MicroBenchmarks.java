package org.openvpp.bridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.contracts.testing.bench.JmhRun;
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
        + " iterations of 1 s after 5 warm-up iterations, one thread, ops/s; each call checks its"
        + " result";
  }

  /** Benchmark method name (class.method) → ops/s over every iteration of every fork. */
  Map<String, Summary> run(Path workDir, String forkHeap) throws IOException, InterruptedException {
    JmhRun.Result result =
        JmhRun.run(
            PACKAGE,
            forks,
            iterations,
            forkHeap,
            workDir,
            Duration.ofMinutes(30),
            "bench/bridge/README.md");
    jmhVersion = result.jmhVersion();
    Map<String, Summary> out = new LinkedHashMap<>();
    result.opsPerSecond().forEach((name, runs) -> out.put(name, Summary.of(runs, 5)));
    return out;
  }
}
