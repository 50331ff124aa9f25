package org.openvpp.node.p2p.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.testing.bench.ForkedRuns;
import org.openvpp.contracts.testing.bench.MachineProbe;
import org.openvpp.contracts.testing.bench.Summary;
import org.openvpp.node.p2p.net.TcpSocketOptions;
import org.openvpp.node.p2p.yamux.YamuxStream;

/**
 * The p2p benchmark (see bench/p2p/README.md). Not a test: started by the {@code bench} profile,
 * writes one JSON file. Every run is a fresh JVM ({@link P2pFork}) on this JVM's java; each figure
 * is the median of the runs with min and max; the cipher figures come from JMH. Machine, JDK, the
 * launcher's JDK and the load are detected and recorded, never written in.
 *
 * <p>Argument: the output path. System properties: {@code bench.forks} (≥ 5), {@code bench.peers},
 * {@code bench.messages}, {@code bench.streamMB}, {@code bench.jmh}, {@code bench.root}, {@code
 * bench.command}.
 */
public final class P2pBenchmark {
  static final double GOAL_STREAM_TO_RAW = 0.5;
  private static final int MIN_RUNS = 5;

  private P2pBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath();
    Path out = root.resolve(args[0]); // a relative path means the project root, not node/
    int forks = Integer.getInteger("bench.forks", MIN_RUNS);
    int peers = Integer.getInteger("bench.peers", 50);
    int messages = Integer.getInteger("bench.messages", 100);
    long streamBytes = Long.getLong("bench.streamMB", 256) * 1_000_000L;
    boolean jmh = Boolean.parseBoolean(System.getProperty("bench.jmh", "true"));
    Path work = root.resolve("node/target/p2p-bench");

    Map<String, Object> loadBefore = MachineProbe.loadAverage();
    ForkedRuns runs =
        new ForkedRuns(
            work, List.of("-Xmx1g", "-Dlogback.configurationFile=p2p/logback-bench.xml"), 900);
    Map<String, Summary> figures =
        runs.summarize(
            "p2p",
            P2pFork.class,
            forks,
            MIN_RUNS,
            String.valueOf(peers),
            String.valueOf(messages),
            String.valueOf(streamBytes));
    JsonObject cipher = new JsonObject();
    if (jmh) {
      P2pMicroBenchmarks micro = new P2pMicroBenchmarks(2, 5);
      Map<String, Summary> m = micro.run(work);
      cipher
          .put("method", micro.describe())
          .put("sealMBps", json(m.get("seal").rounded(1)))
          .put("sealAndOpenMBps", json(m.get("sealAndOpen").rounded(1)));
    }
    Map<String, Object> loadAfter = MachineProbe.loadAverage();

    double gossipExpected = (double) messages * (peers - 1);
    if (figures.get("gossipSamples").min() != gossipExpected) {
      throw new IllegalStateException("a run reported " + figures.get("gossipSamples"));
    }
    Summary ratio = figures.get("streamToRawRatio");
    Optional<Path> launcher = LauncherJdk.find(root);
    JsonObject result =
        new JsonObject()
            .put(
                "goal",
                new JsonObject()
                    .put("figure", "streamToRawRatio (median of the runs)")
                    .put("atLeast", GOAL_STREAM_TO_RAW)
                    .put("met", ratio.median() >= GOAL_STREAM_TO_RAW))
            .put("figures", summaries(figures))
            .put(
                "gossip",
                new JsonObject()
                    .put("peers", peers)
                    .put("messages", messages)
                    .put("warmUpMessages", GossipLatencyBench.WARM_UP)
                    .put("heartbeatMs", GossipLatencyBench.HEARTBEAT_MS)
                    .put("dialsPerPeer", GossipLatencyBench.DEGREE - 1)
                    .put("samplesPerRun", (long) gossipExpected)
                    .put(
                        "checked",
                        "every run: each (message, receiver) delivered exactly once, warm-up"
                            + " included; a missing, repeated or unexpected delivery fails it"))
            .put(
                "stream",
                new JsonObject()
                    .put("bytes", new StreamThroughputBench(streamBytes).totalBytes())
                    .put("chunkBytes", StreamThroughputBench.CHUNK)
                    .put(
                        "socketOptions",
                        "TcpSocketOptions on both paths (tcpNoDelay "
                            + TcpSocketOptions.client().isTcpNoDelay()
                            + ")")
                    .put(
                        "backpressure",
                        "same pump on both paths: write while the queue is below "
                            + YamuxStream.WRITE_QUEUE_HIGH_WATER
                            + " bytes, resume on drain")
                    .put(
                        "checked",
                        "receiver checks the byte count and the content pattern, then answers"))
            .put("cipher", cipher)
            .put("runs", forks)
            .put("machine", new JsonObject(MachineProbe.machine()))
            .put(
                "launcherJdk",
                new JsonObject()
                    .put("release", launcher.flatMap(LauncherJdk::release).orElse("unknown"))
                    .put("measuredOnIt", LauncherJdk.isThisJvm(launcher)))
            .put("loadBefore", new JsonObject(loadBefore))
            .put("loadAfter", new JsonObject(loadAfter))
            .put("command", System.getProperty("bench.command", "see bench/p2p/README.md"))
            .put("when", Instant.now().toString());
    Files.createDirectories(out.getParent());
    Files.writeString(out, result.encodePrettily() + "\n");
    System.out.println(result.encodePrettily());
  }

  private static JsonObject summaries(Map<String, Summary> figures) {
    JsonObject o = new JsonObject();
    figures.forEach((k, v) -> o.put(k, json(v.rounded(k.endsWith("Ratio") ? 3 : 2))));
    return o;
  }

  private static JsonObject json(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", s.median());
    m.put("min", s.min());
    m.put("max", s.max());
    m.put("runs", s.runs());
    return new JsonObject(m);
  }
}
