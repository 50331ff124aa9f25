package org.openvpp.node.p2p.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The p2p benchmark (see bench/p2p/README.md). Not a test: run by hand, writes one JSON file.
 *
 * <p>Arguments: output path, then optionally peers, messages, stream MB.
 */
public final class P2pBenchmark {
  private P2pBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/p2p.json");
    int peers = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int messages = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    long streamBytes = (args.length > 3 ? Long.parseLong(args[3]) : 256) * 1_000_000L;
    double loadBefore = loadAverage();
    Vertx vertx = Vertx.vertx();
    try {
      List<Double> latencies = new GossipLatencyBench(peers, 6, messages).run(vertx);
      StreamThroughputBench stream = new StreamThroughputBench(streamBytes);
      stream.rawTcpMBps(vertx); // warm-up of both paths
      stream.libp2pMBps(vertx);
      double raw = stream.rawTcpMBps(vertx);
      double libp2p = stream.libp2pMBps(vertx);
      double cipher = CipherThroughputBench.encryptMBps(streamBytes / 2);
      JsonObject result =
          new JsonObject()
              .put("gossipP50Ms", round(percentile(latencies, 50)))
              .put("gossipP99Ms", round(percentile(latencies, 99)))
              .put("gossipP90Ms", round(percentile(latencies, 90)))
              .put("gossipP95Ms", round(percentile(latencies, 95)))
              .put("gossipMaxMs", round(percentile(latencies, 100)))
              .put("gossipSamples", latencies.size())
              .put("gossipExpectedSamples", (long) messages * (peers - 1))
              .put("gossipPeers", peers)
              .put("gossipMessages", messages)
              .put("gossipWarmUpMessages", GossipLatencyBench.WARM_UP)
              .put("gossipHeartbeatMs", 200)
              .put("gossipDegree", 6)
              .put("streamMBps", round(libp2p))
              .put("rawTcpMBps", round(raw))
              .put("streamToRawRatio", round(libp2p / raw))
              .put("streamBytes", stream.totalBytes())
              .put("jdkChaCha20Poly1305EncryptMBps", round(cipher))
              .put(
                  "machine",
                  new JsonObject()
                      .put("cores", Runtime.getRuntime().availableProcessors())
                      .put("loadAverage1mBefore", round(loadBefore))
                      .put("loadAverage1mAfter", round(loadAverage()))
                      .put(
                          "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
                      .put(
                          "java",
                          System.getProperty("java.vm.name")
                              + " "
                              + System.getProperty("java.version")))
              .put("command", System.getProperty("bench.command", "see bench/p2p/README.md"))
              .put("when", Instant.now().toString());
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, result.encodePrettily() + "\n");
      System.out.println(result.encodePrettily());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** Other work on the machine skews every figure; the load is recorded beside them. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
