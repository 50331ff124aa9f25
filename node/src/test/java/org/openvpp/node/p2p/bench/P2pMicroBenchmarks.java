package org.openvpp.node.p2p.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.testing.bench.JmhRun;
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
    JmhRun.Result result =
        JmhRun.run(
            BENCH,
            forks,
            iterations,
            "512m",
            workDir,
            Duration.ofMinutes(20),
            "bench/p2p/README.md");
    jmhVersion = result.jmhVersion();
    Map<String, Summary> out = new LinkedHashMap<>();
    result
        .opsPerSecond()
        .forEach(
            (name, framesPerSecond) -> {
              List<Double> mbps = new ArrayList<>();
              framesPerSecond.forEach(f -> mbps.add(f * FRAME_BYTES / 1e6));
              out.put(name, Summary.of(mbps, 5));
            });
    return out;
  }
}
