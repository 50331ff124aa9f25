package org.openvpp.bridge.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.dispatch.CommandOutcome;
import org.openvpp.bridge.dispatch.DispatchReport;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.testing.Await;
import org.web3j.crypto.ECKeyPair;

/**
 * Dispatch fan-out to N devices, timed from the {@code dispatch()} call (planning, signing,
 * publishing included) to each device's acknowledgement as the node processed it. Counted only when
 * every device acknowledged exactly one command, accepted, holding the power it was asked for, and
 * the simulated devices checked every command's node signature and addressee.
 */
final class DispatchBench {
  private DispatchBench() {}

  /**
   * Latency figures in ms.
   *
   * @param fromCallP50 per device, dispatch call → its acknowledgement, median
   * @param fromCallP99 the same, 99th percentile: the time by which 99 % of devices acknowledged
   * @param publishedP50 per command, published (after signing) → acknowledged, median
   * @param publishedP99 the same, 99th percentile
   * @param allAckedMs dispatch call → last acknowledgement
   * @param commands commands acknowledged (one per device)
   */
  record Result(
      double fromCallP50,
      double fromCallP99,
      double publishedP50,
      double publishedP99,
      double allAckedMs,
      int commands) {}

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
        throw new IllegalStateException(
            "dispatch incomplete: " + report.acknowledgedW() + " W, refused " + fleet.refused());
      }
      fleet.checkAnsweredOnce(addresses);
      check(report, addresses);
      return summarize(report, start);
    }
  }

  /** One accepted command per expected device, holding baseline + its allocation. */
  static void check(DispatchReport report, List<String> addresses) {
    Set<String> commanded = new HashSet<>();
    for (CommandOutcome c : report.commands()) {
      if (c.state() != CommandOutcome.State.ACCEPTED
          || c.appliedPowerW() != c.baselineW() + c.allocation().powerW()
          || !commanded.add(c.allocation().device())) {
        throw new IllegalStateException("unexpected command outcome " + c);
      }
    }
    if (!commanded.equals(new HashSet<>(addresses))) {
      throw new IllegalStateException(
          commanded.size() + " devices commanded, " + addresses.size() + " expected");
    }
  }

  private static Result summarize(DispatchReport report, long start) {
    List<Long> fromCall = new ArrayList<>();
    List<Long> fromPublish = new ArrayList<>();
    for (CommandOutcome c : report.commands()) {
      long ack = c.ackMs().orElseThrow();
      fromCall.add(ack - start);
      fromPublish.add(ack - c.sentMs());
    }
    fromCall.sort(null);
    fromPublish.sort(null);
    return new Result(
        percentile(fromCall, 0.50),
        percentile(fromCall, 0.99),
        percentile(fromPublish, 0.50),
        percentile(fromPublish, 0.99),
        fromCall.get(fromCall.size() - 1),
        fromCall.size());
  }

  static double percentile(List<Long> sorted, double q) {
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
