package org.openvpp.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.bridge.ingest.ReadingPipeline;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.sim.SimClock;
import org.openvpp.bridge.store.SqliteReadingStore;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.bridge.verify.RejectionCounter;
import org.openvpp.bridge.verify.RejectionLog;

/** A control message whose handler throws is dead-lettered: counted and acknowledged. */
class MqttRouterTest {
  @TempDir Path dir;
  final SimClock clock = new SimClock(T0);
  final Signer device = Fixtures.signer(12);
  final RejectionCounter counter = new RejectionCounter(new SimpleMeterRegistry());
  final List<MqttMessage> acknowledged = new CopyOnWriteArrayList<>();

  @Test
  void aMessageWhoseHandlerThrowsIsDeadLetteredAndAcknowledged() {
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
    FleetView fleet = new FleetView(directory);
    fleet.onOffline(
        s -> {
          throw new IllegalStateException("re-dispatch failed");
        });
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL");
        ReadingPipeline pipeline = pipeline(store, directory)) {
      MqttRouter router = new MqttRouter(pipeline, fleet, Runnable::run, ack -> {});
      MqttMessage offline = availability(false, 1);
      router.onMessage(offline);
      assertThat(acknowledged).containsExactly(offline);
      assertThat(counter.count(RejectionReason.HANDLER_FAILED)).isEqualTo(1);
      MqttMessage online = availability(true, 2); // the next message is handled as usual
      router.onMessage(online);
      assertThat(acknowledged).containsExactly(offline, online);
      assertThat(fleet.get(device.address()).orElseThrow().online()).isTrue();
      router.close();
      router.onMessage(availability(false, 3)); // closing: left for the broker's next session
      assertThat(acknowledged).hasSize(2);
      assertThat(counter.total()).isEqualTo(1);
    }
  }

  MqttMessage availability(boolean online, int id) {
    byte[] payload = MessageCodec.encode(new Availability(device.address(), online, T0));
    return new MqttMessage(
        Topics.device(device.address(), Topics.AVAILABILITY), payload, 1, true, id);
  }

  ReadingPipeline pipeline(SqliteReadingStore store, InMemoryDeviceDirectory directory) {
    return new ReadingPipeline(
        new ReadingVerifier(
            Fixtures.TYPED, new JavaRecovery(), directory, DeviceBridge.storedLookup(store), clock),
        store,
        counter,
        new RejectionLog(clock, 60_000),
        new ReadingPipeline.PipelineSink() {
          @Override
          public void stored(List<ReadingPipeline.Accepted> batch) {
            batch.forEach(a -> acknowledged.add(a.message()));
          }

          @Override
          public void rejected(MqttMessage message, RejectionReason reason) {
            acknowledged.add(message);
          }

          @Override
          public void handled(MqttMessage message) {
            acknowledged.add(message);
          }

          @Override
          public void receiptable(String d, long sequence) {}
        },
        clock,
        1);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
