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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.BridgeConfig;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;

/**
 * Readings over three bridge connections on a Mosquitto shared subscription: one device's messages
 * may arrive out of order across the connections, yet every reading is stored, nothing is rejected
 * but duplicates, each device's receipt reaches its last sequence, and every message is
 * acknowledged on its own connection (a PUBACK on the wrong one would leave messages in flight and
 * stall delivery once the receive maximum is used up).
 */
class SharedIngestIT {
  @TempDir Path dir;

  @Test
  void storesEveryReadingInOrderOfSequenceWhateverConnectionItCameOn() {
    int devices = 20;
    int perDevice = 60;
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    List<Signer> keys = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      Signer s = Fixtures.signer(5_000 + i);
      keys.add(s);
      directory.put(Fixtures.battery(s.address(), 5_000, 10_000));
    }
    long t0 = System.currentTimeMillis() - 600_000;
    try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"))) {
      Properties p = new Properties();
      p.setProperty("bridge.broker.url", broker.url());
      p.setProperty("bridge.data.dir", dir.resolve("bridge").toString());
      p.setProperty("bridge.device.registry", Fixtures.REGISTRY);
      p.setProperty("bridge.ingest.connections", "3");
      p.setProperty("bridge.mqtt.max.inflight", "50");
      try (DeviceBridge bridge =
              DeviceBridge.start(
                  BridgeConfig.load(p, Map.of()),
                  directory,
                  Fixtures.nodeKey(),
                  new SimpleMeterRegistry(),
                  Clock.systemUTC());
          MqttConnection pub =
              MqttClients.create(
                  MqttSettings.of(broker.url(), "shared-it-pub").withMaxInflight(200), m -> {})) {
        pub.connect();
        for (int seq = 1; seq <= perDevice; seq += 3) {
          for (Signer key : keys) {
            // Two single readings, then a batch of one, per device and round.
            pub.publish(
                topic(key, Topics.READING), WireCodec.encode(reading(key, seq, t0)), 1, false);
            pub.publish(
                topic(key, Topics.READING), WireCodec.encode(reading(key, seq + 1, t0)), 1, false);
            ReadingBatch b = new ReadingBatch(key.address(), List.of(reading(key, seq + 2, t0)));
            pub.publish(topic(key, Topics.READINGS), ReadingBatchCodec.encode(b), 1, false);
          }
        }
        int total = devices * perDevice;
        Await.until(Duration.ofSeconds(60), () -> bridge.storedCount() == total, total + " stored");
        long duplicates = bridge.rejections().count(RejectionReason.DUPLICATE);
        assertThat(bridge.rejections().total()).isEqualTo(duplicates);
        for (Signer key : keys) {
          assertThat(bridge.store().readings(key.address(), 1, perDevice)).hasSize(perDevice);
        }
        Await.until(
            Duration.ofSeconds(10),
            () ->
                keys.stream()
                    .allMatch(
                        k -> bridge.store().receipts().getOrDefault(k.address(), 0L) == perDevice),
            "every device receipted up to its last sequence");
      }
    }
  }

  static String topic(Signer key, String leaf) {
    return Topics.device(key.address(), leaf);
  }

  static SignedReading reading(Signer key, long seq, long t0) {
    return key.sign(new MeterReading(key.address(), seq, t0 + seq * 1_000, seq, 0, -1_000, 500));
  }
}
