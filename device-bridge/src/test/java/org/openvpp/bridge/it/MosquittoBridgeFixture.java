package org.openvpp.bridge.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;

/**
 * The set-up of the Mosquitto interop tests: a real Mosquitto broker per test and a bridge on it
 * that knows one registered battery, {@link #device}, whose topics the tests publish to with
 * Mosquitto's own clients.
 */
abstract class MosquittoBridgeFixture {
  @TempDir Path dir;
  MosquittoBroker broker;
  DeviceBridge bridge;
  final Signer device = Fixtures.signer(7);
  final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();

  @BeforeEach
  void start() {
    broker = MosquittoBroker.start(dir.resolve("mosquitto"));
    directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
    bridge =
        DeviceBridge.start(
            BridgeConfig.forBroker(broker.url(), dir.resolve("bridge"), Fixtures.REGISTRY),
            directory,
            Fixtures.nodeKey(),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    broker.close();
  }

  String topic(String leaf) {
    return Topics.device(device.address(), leaf);
  }
}
