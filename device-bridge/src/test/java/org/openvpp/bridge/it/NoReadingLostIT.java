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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No QoS 1 reading is lost under load: 4,000 signed readings from 40 devices published as fast as
 * the in-flight window allows, all verified and stored, with the embedded broker's configuration,
 * with Mosquitto started by the bridge in the default mode, with an external Mosquitto, and with
 * Mosquitto and the readings in PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class NoReadingLostIT {
  private static final Logger LOG = LoggerFactory.getLogger(NoReadingLostIT.class);
  private static final int DEVICES = 40;
  private static final int PER_DEVICE = 100;

  @TempDir Path dir;

  @Test
  void theDefaultBrokerModeStartsMosquittoAndLosesNoReading() {
    Properties p = new Properties();
    p.setProperty("bridge.embedded.port", "0");
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    run(BridgeConfig.load(p, Map.of()), null, "default (auto: Mosquitto child process)");
  }

  @Test
  void embeddedBrokerWithOurConfigurationLosesNoReading() {
    Properties p = new Properties();
    p.setProperty("bridge.broker.mode", "embedded");
    p.setProperty("bridge.embedded.port", String.valueOf(MosquittoBroker.freePort()));
    p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
    p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
    BridgeConfig config = BridgeConfig.load(p, Map.of());
    run(config, "tcp://127.0.0.1:" + config.embeddedPort(), "embedded HiveMQ CE");
  }

  @Test
  void mosquittoLosesNoReading() {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"))) {
      run(
          BridgeConfig.forBroker(broker.url(), dir.resolve("bridge"), Fixtures.REGISTRY),
          broker.url(),
          "Mosquitto");
    }
  }

  @Test
  void mosquittoWithAPostgresStoreLosesNoReading(PostgresServer postgres) {
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"))) {
      Properties p = new Properties();
      p.setProperty("bridge.broker.url", broker.url());
      p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
      p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
      p.setProperty("bridge.store.url", postgres.newDatabase());
      run(BridgeConfig.load(p, Map.of()), broker.url(), "Mosquitto + PostgreSQL store");
    }
  }

  /** {@code url} null: the broker the bridge started itself. */
  private void run(BridgeConfig config, String brokerUrl, String name) {
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    List<Signer> devices = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      Signer s = Fixtures.signer(1_000 + i);
      devices.add(s);
      directory.put(Fixtures.battery(s.address(), 1_000_000, 10_000));
    }
    List<byte[]> payloads = signedReadings(devices);
    try (DeviceBridge bridge =
            DeviceBridge.start(
                config,
                directory,
                Fixtures.nodeKey(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        MqttConnection publisher =
            MqttClients.create(
                MqttSettings.of(
                        brokerUrl != null ? brokerUrl : bridge.embeddedBrokerUrl().orElseThrow(),
                        "load-publisher")
                    .withMaxInflight(100),
                m -> {})) {
      if (brokerUrl == null) {
        assertThat(bridge.localBroker().orElseThrow().description()).startsWith("mosquitto 2.");
      }
      publisher.connect();
      long start = System.nanoTime();
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < payloads.size(); i++) {
        String device = devices.get(i % DEVICES).address();
        acks.add(
            publisher.publish(Topics.device(device, Topics.READING), payloads.get(i), 1, false));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      Await.until(
          Duration.ofSeconds(60),
          () -> bridge.storedCount() == payloads.size(),
          "all readings stored (" + bridge.storedCount() + ")");
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info(
          "{}: {} QoS 1 readings verified and stored in {} s ({} /s)",
          name,
          payloads.size(),
          String.format("%.2f", seconds),
          Math.round(payloads.size() / seconds));
      assertThat(bridge.rejections().total()).isZero();
      assertThat(bridge.store().count()).isEqualTo(payloads.size());
    }
  }

  private static List<byte[]> signedReadings(List<Signer> devices) {
    long now = System.currentTimeMillis();
    List<byte[]> out = new ArrayList<>();
    for (int seq = 1; seq <= PER_DEVICE; seq++) {
      for (Signer s : devices) {
        MeterReading r = new MeterReading(s.address(), seq, now - 1000 + seq, seq, 0, -10, 500);
        out.add(WireCodec.encode(s.sign(r)));
      }
    }
    return out;
  }
}
