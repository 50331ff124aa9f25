package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.broker.MosquittoProcess;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.sim.HomeBattery;
import org.openvpp.bridge.sim.PvInverter;
import org.openvpp.bridge.sim.SimulatedDevice;
import org.openvpp.bridge.sim.TelecomSiteBattery;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.bridge.testkit.TcpRelay;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.testing.Await;

/**
 * Mosquitto killed and restarted (no persistence), an external one and the bridge's own child
 * process. External: it is restarted while the bridge is cut off longer than the devices: their
 * replay lands in a broker without a subscriber, and still no reading is lost, because a receipt
 * never covers a sequence the bridge has not stored.
 */
class BrokerRestartIT {
  @TempDir Path dir;

  @Test
  void aBrokerRestartLosesNoReading() throws InterruptedException {
    Clock clock = Clock.systemUTC();
    Signer battery = Fixtures.signer(3_001);
    Signer pv = Fixtures.signer(3_002);
    Signer site = Fixtures.signer(3_003);
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(device(battery, DeviceClass.HOME_BATTERY, 5_000, 10_000));
    directory.put(device(pv, DeviceClass.PV_INVERTER, 6_000, 0));
    directory.put(device(site, DeviceClass.TELECOM_SITE_BATTERY, 10_000, 48_000));
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        TcpRelay bridgeLink = TcpRelay.to(broker.port());
        DeviceBridge bridge =
            DeviceBridge.start(
                BridgeConfig.forBroker(bridgeLink.url(), dir.resolve("bridge"), Fixtures.REGISTRY),
                directory,
                Fixtures.nodeKey(),
                new SimpleMeterRegistry(),
                clock)) {
      String node = bridge.nodeAddress();
      List<SimulatedDevice> sims =
          List.of(
              sim(broker, new HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 500), battery, node),
              sim(broker, new PvInverter(6_000, 6, 18), pv, node),
              sim(broker, new TelecomSiteBattery(48_000, 10_000, 2_000, 4, 900), site, node));
      AtomicBoolean running = new AtomicBoolean(true);
      Thread loop = new Thread(() -> tickUntilStopped(sims, running), "sim-loop");
      loop.start();
      try {
        Await.until(
            Duration.ofSeconds(30),
            () -> sims.stream().allMatch(s -> stored(bridge, s) >= 10),
            "ten readings of every device stored before the broker dies");
        // The bridge loses the broker and stays away until every device has reconnected,
        // replayed its buffer into a broker where nobody subscribes yet and published five more
        // readings there: all of them are lost on the way, the devices still hold them.
        bridgeLink.block();
        broker.kill();
        long[] atKill = sequences(sims);
        Await.until(
            Duration.ofSeconds(30),
            () ->
                sims.stream().noneMatch(SimulatedDevice::connected) && advancedBy(sims, atKill, 5),
            "every device disconnected with five readings buffered");
        broker.startProcess();
        long[] atRestart = sequences(sims);
        // Paho's reconnect back-off (up to 5 s) stretches to many seconds on a loaded machine.
        Await.until(
            Duration.ofSeconds(90),
            () -> sims.stream().allMatch(SimulatedDevice::connected),
            "every device reconnected (and replayed its buffer)");
        long[] atReconnect = sequences(sims);
        Await.until(
            Duration.ofSeconds(30),
            () -> advancedBy(sims, atReconnect, 5),
            "every device published five more readings the bridge did not get");
        bridgeLink.unblock();
        // With a cumulative receipt the first reading stored now would delete every reading
        // since the kill from the devices' buffers; the gap-free receipt waits for the replay.
        Await.until(
            Duration.ofSeconds(90),
            () ->
                sims.stream()
                    .allMatch(
                        s -> stored(bridge, s) >= Math.max(atRestart[sims.indexOf(s)] + 20, 51)),
            "twenty readings of every device beyond the restart, and over fifty in all, stored");
      } finally {
        running.set(false);
        loop.join(10_000);
      }
      for (SimulatedDevice s : sims) {
        long last = s.agent().sequence();
        Await.until(
            Duration.ofSeconds(45),
            () -> {
              s.tickRetransmitOnly();
              return bridge.store().readings(s.address(), 1, last).size() == last;
            },
            "every reading of " + s.address() + " stored");
        assertThat(last).isGreaterThan(50);
      }
      assertThat(bridge.rejections().total() - duplicates(bridge)).isZero();
      sims.forEach(SimulatedDevice::close);
    }
  }

  /**
   * The default mode: the bridge's own Mosquitto child is killed (SIGKILL) mid-stream; the bridge
   * restarts it on the same port, devices and bridge reconnect, and every reading is stored.
   */
  @Test
  void theBridgesOwnMosquittoKilledIsRestartedAndLosesNoReading() throws InterruptedException {
    Clock clock = Clock.systemUTC();
    Signer battery = Fixtures.signer(3_011);
    Signer pv = Fixtures.signer(3_012);
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(device(battery, DeviceClass.HOME_BATTERY, 5_000, 10_000));
    directory.put(device(pv, DeviceClass.PV_INVERTER, 6_000, 0));
    java.util.Properties p = new java.util.Properties();
    p.setProperty("bridge.embedded.port", "0");
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    try (DeviceBridge bridge =
        DeviceBridge.start(
            BridgeConfig.load(p, java.util.Map.of()),
            directory,
            Fixtures.nodeKey(),
            new SimpleMeterRegistry(),
            clock)) {
      MosquittoProcess broker = (MosquittoProcess) bridge.localBroker().orElseThrow();
      String url = broker.url();
      String node = bridge.nodeAddress();
      List<SimulatedDevice> sims =
          List.of(
              sim(url, new HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 500), battery, node),
              sim(url, new PvInverter(6_000, 6, 18), pv, node));
      AtomicBoolean running = new AtomicBoolean(true);
      Thread loop = new Thread(() -> tickUntilStopped(sims, running), "sim-loop");
      loop.start();
      try {
        Await.until(
            Duration.ofSeconds(30),
            () -> sims.stream().allMatch(s -> stored(bridge, s) >= 10),
            "ten readings of every device stored before the broker dies");
        long pid = broker.pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Await.until(Duration.ofSeconds(30), () -> broker.restarts() == 1, "broker restarted");
        assertThat(broker.url()).isEqualTo(url);
        long[] atRestart = sequences(sims);
        Await.until(
            Duration.ofSeconds(90),
            () -> sims.stream().allMatch(s -> stored(bridge, s) >= atRestart[sims.indexOf(s)] + 10),
            "ten readings of every device beyond the restart stored");
      } finally {
        running.set(false);
        loop.join(10_000);
      }
      for (SimulatedDevice s : sims) {
        long last = s.agent().sequence();
        Await.until(
            Duration.ofSeconds(45),
            () -> {
              s.tickRetransmitOnly();
              return bridge.store().readings(s.address(), 1, last).size() == last;
            },
            "every reading of " + s.address() + " stored");
      }
      assertThat(bridge.rejections().total() - duplicates(bridge)).isZero();
      sims.forEach(SimulatedDevice::close);
    }
  }

  /** Length of the gap-free prefix of a device's stored readings (sequences start at 1). */
  private static long stored(DeviceBridge bridge, SimulatedDevice s) {
    long seq = s.agent().sequence();
    return seq == 0 ? 0 : bridge.store().readings(s.address(), 1, seq).size();
  }

  private static long[] sequences(List<SimulatedDevice> sims) {
    return sims.stream().mapToLong(s -> s.agent().sequence()).toArray();
  }

  private static boolean advancedBy(List<SimulatedDevice> sims, long[] from, long n) {
    for (int i = 0; i < sims.size(); i++) {
      if (sims.get(i).agent().sequence() < from[i] + n) {
        return false;
      }
    }
    return true;
  }

  private static long duplicates(DeviceBridge bridge) {
    return bridge.rejections().count(org.openvpp.bridge.protocol.RejectionReason.DUPLICATE);
  }

  private static void tickUntilStopped(List<SimulatedDevice> sims, AtomicBoolean running) {
    while (running.get()) {
      sims.forEach(SimulatedDevice::tick);
      try {
        Thread.sleep(50); // the devices' reading cadence, not a wait for anything
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static SimulatedDevice sim(
      MosquittoBroker broker, org.openvpp.bridge.sim.DevicePhysics p, Signer key, String node) {
    return sim(broker.url(), p, key, node);
  }

  private static SimulatedDevice sim(
      String url, org.openvpp.bridge.sim.DevicePhysics p, Signer key, String node) {
    return new SimulatedDevice(url, p, key, Fixtures.TYPED, node, Clock.systemUTC()).start();
  }

  private static RegisteredDevice device(Signer s, DeviceClass c, long ratedW, long capWh) {
    return new RegisteredDevice(
        s.address(), DeviceStatus.ACTIVE, c, 1, ratedW, capWh, "0x" + "0".repeat(40));
  }
}
