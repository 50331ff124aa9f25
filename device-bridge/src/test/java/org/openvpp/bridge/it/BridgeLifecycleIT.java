package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.bridge.testkit.OpenFiles;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;

/** Starting and stopping the bridge leaks nothing and loses no acknowledgement. */
class BridgeLifecycleIT {
  @TempDir Path dir;

  @Test
  void aStoreThatCannotOpenClosesTheEmbeddedBrokerStartedBeforeIt() throws IOException {
    int port = MosquittoBroker.freePort();
    Properties p = new Properties();
    p.setProperty("bridge.embedded.port", String.valueOf(port));
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    Files.createDirectories(dir.resolve("bridge").resolve("readings.db")); // a directory: unusable
    assertThatThrownBy(() -> start(BridgeConfig.load(p, Map.of()), new InMemoryDeviceDirectory()))
        .hasMessageContaining("cannot open reading store");
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.isBound()).isTrue(); // the embedded broker let go of its port
    }
  }

  @Test
  void aBrokerThatCannotBeReachedClosesTheStoreOpenedBeforeIt() {
    assumeTrue(OpenFiles.supported(), "needs /proc to see open files");
    BridgeConfig config =
        BridgeConfig.forBroker(
            "tcp://127.0.0.1:" + MosquittoBroker.freePort(), dir, Fixtures.REGISTRY);
    assertThatThrownBy(() -> start(config, new InMemoryDeviceDirectory()))
        .isInstanceOf(RuntimeException.class);
    assertThat(OpenFiles.handlesTo(dir.resolve("readings.db"))).isZero();
  }

  /**
   * The bridge closes in the middle of a stream. Whatever it stored it also acknowledged before
   * disconnecting: the next run (same client id, so the broker redelivers what was not
   * acknowledged) gets no reading it already has, and every reading arrives exactly once.
   */
  @Test
  void closingMidStreamAcknowledgesEveryStoredReadingBeforeDisconnecting() {
    int devices = 20;
    int perDevice = 150;
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    List<Signer> signers = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      Signer s = Fixtures.signer(4_000 + i);
      signers.add(s);
      directory.put(Fixtures.battery(s.address(), 1_000_000, 10_000));
    }
    long now = System.currentTimeMillis();
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        MqttConnection publisher =
            MqttClients.create(
                MqttSettings.of(broker.url(), "lifecycle-publisher").withMaxInflight(100),
                m -> {})) {
      BridgeConfig config =
          BridgeConfig.forBroker(broker.url(), dir.resolve("bridge"), Fixtures.REGISTRY);
      publisher.connect();
      long storedByFirst;
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      try (DeviceBridge first = start(config, directory)) {
        for (int seq = 1; seq <= perDevice; seq++) {
          for (Signer s : signers) {
            MeterReading r = new MeterReading(s.address(), seq, now - 10_000 + seq, seq, 0, 0, 0);
            acks.add(
                publisher.publish(
                    Topics.device(s.address(), Topics.READING),
                    WireCodec.encode(s.sign(r)),
                    1,
                    false));
          }
          if (seq == perDevice / 3) {
            Await.until(
                Duration.ofSeconds(30),
                () -> first.storedCount() >= devices * 10L,
                "the first bridge is storing");
          }
        }
        storedByFirst = first.storedCount();
      } // closed while the broker still holds readings for it
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      assertThat(storedByFirst).isBetween(1L, devices * (long) perDevice - 1);
      try (DeviceBridge second = start(config, directory)) {
        Await.until(
            Duration.ofSeconds(90),
            () -> second.store().count() == devices * (long) perDevice,
            "every reading stored once across both runs");
        assertThat(second.rejections().count(RejectionReason.DUPLICATE)).isZero();
        assertThat(second.rejections().total()).isZero();
      }
    }
  }

  private static DeviceBridge start(BridgeConfig config, InMemoryDeviceDirectory directory) {
    return DeviceBridge.start(
        config, directory, Fixtures.nodeKey(), new SimpleMeterRegistry(), Clock.systemUTC());
  }
}
