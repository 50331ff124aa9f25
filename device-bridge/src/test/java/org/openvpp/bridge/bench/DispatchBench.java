package org.openvpp.bridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.dispatch.CommandOutcome;
import org.openvpp.bridge.dispatch.DispatchReport;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.testing.Await;
import org.web3j.crypto.ECKeyPair;

/** Dispatch fan-out: command published → acknowledged, per command, for N devices. */
final class DispatchBench {
  private DispatchBench() {}

  /** Latency figures in ms: p50, p99, max, and the whole fan-out (dispatch call → last ack). */
  record Result(double p50, double p99, double max, double allAckedMs, int commands) {}

  static Result run(String url, Path dataDir, int devices) {
    List<String> addresses = new ArrayList<>();
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    for (int i = 0; i < devices; i++) {
      String a =
          new Signer(Fixtures.TYPED, ECKeyPair.create(BigInteger.valueOf(900_000 + i))).address();
      addresses.add(a);
      directory.put(Fixtures.battery(a, 5_000, 10_000));
    }
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", url);
    p.setProperty("bridge.data.dir", dataDir.toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    p.setProperty("bridge.mqtt.client.id", "bench-dispatch-bridge");
    p.setProperty("bridge.dispatch.ack.timeout.ms", "30000");
    try (DeviceBridge bridge =
            DeviceBridge.start(
                BridgeConfig.load(p, Map.of()),
                directory,
                Fixtures.nodeKey(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        FleetResponder fleet = new FleetResponder(url, bridge.nodeAddress())) {
      fleet.announce(addresses, 5_000);
      Await.until(
          Duration.ofMinutes(2),
          () ->
              bridge.fleet().snapshot().stream().filter(s -> s.upHeadroomW() > 0).count()
                  == devices,
          "fleet view has every device");
      long start = System.currentTimeMillis();
      long id = bridge.dispatcher().dispatch(devices * 2_000L, start + 600_000);
      Await.until(
          Duration.ofMinutes(2),
          () -> bridge.dispatcher().report(id).map(r -> r.pendingW() == 0).orElse(false),
          "every command acknowledged");
      DispatchReport report = bridge.dispatcher().report(id).orElseThrow();
      if (fleet.refused() > 0 || report.acknowledgedW() != devices * 2_000L) {
        throw new IllegalStateException("dispatch incomplete: " + report.acknowledgedW());
      }
      return summarize(report, start);
    }
  }

  private static Result summarize(DispatchReport report, long start) {
    List<Long> latencies = new ArrayList<>();
    long lastAck = 0;
    for (CommandOutcome c : report.commands()) {
      long ack = c.ackMs().orElseThrow();
      latencies.add(ack - c.sentMs());
      lastAck = Math.max(lastAck, ack);
    }
    latencies.sort(null);
    return new Result(
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        latencies.get(latencies.size() - 1),
        lastAck - start,
        latencies.size());
  }

  static double percentile(List<Long> sorted, double q) {
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
