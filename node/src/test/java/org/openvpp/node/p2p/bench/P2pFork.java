package org.openvpp.node.p2p.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.testing.bench.ForkOutput;
import org.openvpp.contracts.testing.bench.MachineProbe;

/**
 * One run of the p2p benchmark in a fresh JVM (started by {@link P2pBenchmark} through {@code
 * ForkedRuns}): gossip latency with every delivery checked, then stream and raw TCP throughput,
 * each path warmed up once and measured once, alternating. Writes its figures only when every check
 * passed; any failure exits non-zero and fails the whole benchmark.
 *
 * <p>Arguments: output file, peers, messages, stream bytes.
 */
public final class P2pFork {
  private P2pFork() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int peers = Integer.parseInt(args[1]);
    int messages = Integer.parseInt(args[2]);
    long streamBytes = Long.parseLong(args[3]);
    Map<String, Double> figures = new LinkedHashMap<>();
    Vertx vertx = Vertx.vertx();
    try {
      List<Double> latencies = new GossipLatencyBench(peers, messages).run(vertx);
      figures.put("gossipP50Ms", percentile(latencies, 50));
      figures.put("gossipP90Ms", percentile(latencies, 90));
      figures.put("gossipP95Ms", percentile(latencies, 95));
      figures.put("gossipP99Ms", percentile(latencies, 99));
      figures.put("gossipMaxMs", percentile(latencies, 100));
      figures.put("gossipSamples", (double) latencies.size());

      StreamThroughputBench stream = new StreamThroughputBench(streamBytes);
      stream.rawTcpMBps(vertx); // warm-up of both paths (JIT, buffers)
      stream.libp2pMBps(vertx);
      double raw = stream.rawTcpMBps(vertx);
      double libp2p = stream.libp2pMBps(vertx);
      figures.put("streamMBps", libp2p);
      figures.put("rawTcpMBps", raw);
      figures.put("streamToRawRatio", libp2p / raw);
      figures.put("streamBytes", (double) stream.totalBytes());
      Object load = MachineProbe.loadAverage().get("oneMinute");
      if (load instanceof Double d) {
        figures.put("loadAverage1mAtEnd", d);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    ForkOutput.write(out, figures);
    System.exit(0); // nothing may linger in a fork
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
