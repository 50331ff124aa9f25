package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.dispatch.CommandOutcome;
import org.openvpp.bridge.dispatch.DispatchReport;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.sim.HomeBattery;
import org.openvpp.bridge.sim.Misbehaviour;
import org.openvpp.bridge.sim.SimulatedDevice;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.testing.Await;

/** Simulated devices on the default embedded broker: dispatch, re-dispatch, misbehaviour. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedFleetIT {
  DeviceBridge bridge;
  final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
  final List<SimulatedDevice> devices = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    Properties p = new Properties();
    p.setProperty("bridge.embedded.port", String.valueOf(MosquittoBroker.freePort()));
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    p.setProperty("bridge.heartbeat.interval.ms", "300");
    p.setProperty("bridge.dispatch.ack.timeout.ms", "3000");
    BridgeConfig config = BridgeConfig.load(p, Map.of());
    for (int i = 0; i < 4; i++) {
      directory.put(Fixtures.battery(Fixtures.signer(4_000 + i).address(), 5_000, 10_000));
    }
    bridge =
        DeviceBridge.start(
            config, directory, Fixtures.nodeKey(), new SimpleMeterRegistry(), Clock.systemUTC());
    String url = bridge.embeddedBrokerUrl().orElseThrow();
    for (int i = 0; i < 4; i++) {
      Signer key = Fixtures.signer(4_000 + i);
      devices.add(
          new SimulatedDevice(
                  url,
                  new HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 800),
                  key,
                  Fixtures.TYPED,
                  bridge.nodeAddress(),
                  Clock.systemUTC())
              .start());
    }
    devices.forEach(SimulatedDevice::tick);
    Await.until(
        Duration.ofSeconds(20),
        () ->
            bridge.fleet().snapshot().stream().filter(s -> s.online()).count() == 4
                && bridge.storedCount() == 4,
        "four devices online with a reading each");
  }

  @AfterAll
  void stop() {
    devices.forEach(SimulatedDevice::close);
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void dispatchIsAcknowledgedAndRedispatchedWhenADeviceGoesOffline() throws InterruptedException {
    List<SimulatedDevice> fleet = devices.subList(0, 3);
    Await.until(
        Duration.ofSeconds(20),
        () -> devices.stream().allMatch(d -> d.agent().heartbeatFresh()),
        "every device heard the node's heartbeat, so it obeys");
    long id = bridge.dispatcher().dispatch(6_000, System.currentTimeMillis() + 600_000);
    Await.until(
        Duration.ofSeconds(15),
        () -> bridge.dispatcher().report(id).map(r -> r.acknowledgedW() == 6_000).orElse(false),
        "6 kW acknowledged");
    SimulatedDevice lost =
        fleet.stream().filter(d -> d.agent().activeCommand().isPresent()).findFirst().orElseThrow();
    lost.goOffline();
    Await.until(
        Duration.ofSeconds(20),
        () ->
            bridge
                .dispatcher()
                .report(id)
                .map(
                    r ->
                        r.acknowledgedW() == 6_000
                            && r.commands().stream()
                                .anyMatch(c -> c.state() == CommandOutcome.State.FAILED))
                .orElse(false),
        "re-dispatched around the offline device");
    DispatchReport report = bridge.dispatcher().report(id).orElseThrow();
    assertThat(report.commands())
        .filteredOn(c -> c.state() == CommandOutcome.State.ACCEPTED)
        .extracting(c -> c.allocation().device())
        .doesNotContain(lost.address());
    for (SimulatedDevice d : devices) {
      if (d != lost) {
        d.tick();
      }
    }
    Await.until(
        Duration.ofSeconds(10),
        () -> bridge.dispatcher().report(id).orElseThrow().measuredW() > 0,
        "achieved power reported from readings");
  }

  @Test
  void misbehavingDeviceIsRejectedPerReasonAndItsGoodReadingsAreStillStored() {
    SimulatedDevice liar = devices.get(3);
    long stored = bridge.storedCount();
    for (Misbehaviour m :
        List.of(
            Misbehaviour.LIE_ABOUT_ENERGY,
            Misbehaviour.REPLAY_SEQUENCE,
            Misbehaviour.SKEW_CLOCK,
            Misbehaviour.WRONG_KEY)) {
      liar.agent().misbehave(m);
      liar.tick();
      liar.agent().behave();
    }
    liar.tick();
    Await.until(
        Duration.ofSeconds(10),
        () ->
            bridge.rejections().count(RejectionReason.BAD_SIGNATURE) >= 1
                && bridge.storedCount() >= stored + 1,
        "rejections counted and the good reading stored");
    assertThat(bridge.rejections().count(RejectionReason.IMPLAUSIBLE_ENERGY)).isEqualTo(1);
    assertThat(bridge.rejections().count(RejectionReason.REPLAYED_SEQUENCE)).isEqualTo(1);
    assertThat(bridge.rejections().count(RejectionReason.CLOCK_SKEW)).isEqualTo(1);
    assertThat(bridge.store().find(liar.address(), liar.agent().sequence())).isPresent();
  }
}
