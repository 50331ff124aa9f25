package org.openvpp.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openvpp.bridge.broker.EmbeddedBroker;
import org.openvpp.bridge.broker.EmbeddedBrokerSettings;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures for docs/adr/0004: start and stop time and QoS 1 throughput (raw, and verified + stored
 * through the bridge) of the embedded HiveMQ CE broker against Mosquitto, same payloads.
 */
public final class BrokerComparison {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerComparison.class);

  private BrokerComparison() {}

  public static void main(String[] args) throws Exception {
    int perDevice = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path work = Files.createTempDirectory("broker-compare");
    ThroughputBench bench = new ThroughputBench(1_000, perDevice);
    bench.prepare();
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      EmbeddedBroker hive =
          EmbeddedBroker.start(
              EmbeddedBrokerSettings.defaults(
                  work.resolve("hivemq-" + round), MosquittoBroker.freePort()));
      long started = System.nanoTime();
      double raw = bench.raw(hive.url());
      double verified = bench.verifiedStored(hive.url(), work.resolve("hb-" + round), 2);
      long t1 = System.nanoTime();
      hive.close();
      long stopped = System.nanoTime();
      LOG.info(
          "HiveMQ CE embedded round {}: start {} ms, stop {} ms, raw {} msg/s, verified {} /s ({}"
              + " messages)",
          round,
          (started - t0) / 1_000_000,
          (stopped - t1) / 1_000_000,
          Math.round(raw),
          Math.round(verified),
          bench.messages());
      long m0 = System.nanoTime();
      try (MosquittoBroker m = MosquittoBroker.start(work.resolve("mosquitto-" + round))) {
        long mStarted = System.nanoTime();
        double mRaw = bench.raw(m.url());
        double mVerified = bench.verifiedStored(m.url(), work.resolve("mb-" + round), 2);
        LOG.info(
            "Mosquitto round {}: start {} ms, raw {} msg/s, verified {} /s",
            round,
            (mStarted - m0) / 1_000_000,
            Math.round(mRaw),
            Math.round(mVerified));
      }
    }
    System.exit(0);
  }
}
