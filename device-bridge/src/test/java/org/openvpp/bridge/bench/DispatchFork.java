package org.openvpp.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.testing.bench.ForkOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch to N devices in a fresh JVM against Mosquitto (started by {@link BridgeBenchmark}):
 * the node's first dispatch after start, as in the field. Arguments: output file, device count.
 */
public final class DispatchFork {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchFork.class);

  private DispatchFork() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int devices = Integer.parseInt(args[1]);
    Path work = Files.createTempDirectory("bridge-bench-dispatch");
    DispatchBench.Result r;
    try (MosquittoBroker broker = MosquittoBroker.start(work.resolve("mosquitto"))) {
      r = DispatchBench.run(broker.url(), work.resolve("bridge"), devices);
    }
    LOG.info("dispatch to {} devices: {}", devices, r);
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("callTo99PctAckMs", r.fromCallP99());
    f.put("fromCallP50Ms", r.fromCallP50());
    f.put("fromCallP99Ms", r.fromCallP99());
    f.put("publishedToAckP50Ms", r.publishedP50());
    f.put("publishedToAckP99Ms", r.publishedP99());
    f.put("allAcknowledgedMs", r.allAckedMs());
    f.put("commands", (double) r.commands());
    ForkOutput.write(out, f);
    System.exit(0); // Paho leaves non-daemon threads behind
  }
}
