package org.openvpp.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.DeviceBridgeAccess;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.directory.DeviceDirectory;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.sim.SimClock;
import org.openvpp.bridge.store.SqliteReadingStore;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.bridge.verify.RejectionCounter;
import org.openvpp.bridge.verify.RejectionLog;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;

/** Closing drains what the pipeline holds; a reading whose handling throws is dead-lettered. */
class PipelineLifecycleTest {
  @TempDir Path dir;
  final SimClock clock = new SimClock(T0 + 1_000_000);
  final Signer device = Fixtures.signer(11);
  final RejectionCounter counter = new RejectionCounter(new SimpleMeterRegistry());
  final List<MqttMessage> stored = new CopyOnWriteArrayList<>();
  final List<MqttMessage> rejected = new CopyOnWriteArrayList<>();
  final Map<String, Long> receipts = new ConcurrentHashMap<>();

  ReadingPipeline pipeline(SqliteReadingStore store, DeviceDirectory directory) {
    ReadingVerifier verifier =
        new ReadingVerifier(
            Fixtures.TYPED, new JavaRecovery(), directory, DeviceBridgeAccess.lookup(store), clock);
    return new ReadingPipeline(
        verifier,
        store,
        counter,
        new RejectionLog(clock, 60_000),
        new ReadingPipeline.PipelineSink() {
          @Override
          public void stored(List<ReadingPipeline.Accepted> batch) {
            batch.forEach(a -> stored.add(a.message()));
          }

          @Override
          public void rejected(MqttMessage message, RejectionReason reason) {
            rejected.add(message);
          }

          @Override
          public void handled(MqttMessage message) {}

          @Override
          public void receiptable(String d, long sequence) {
            receipts.merge(d, sequence, Math::max);
          }
        },
        clock,
        2);
  }

  MqttMessage message(long seq) {
    MeterReading r = new MeterReading(device.address(), seq, T0 + seq * 1_000, seq, 0, -3_600, 0);
    return new MqttMessage(
        Topics.device(device.address(), Topics.READING),
        WireCodec.encode(device.sign(r)),
        1,
        false,
        (int) seq);
  }

  InMemoryDeviceDirectory registered() {
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
    return directory;
  }

  @Test
  void closeStoresAndAcknowledgesEveryReadingAlreadyQueued() {
    int n = 300;
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL")) {
      ReadingPipeline p = pipeline(store, registered());
      for (long seq = 1; seq <= n; seq++) {
        p.submit(device.address(), message(seq));
      }
      p.close(); // right away: most readings are still queued for verification
      assertThat(stored).hasSize(n);
      assertThat(store.count()).isEqualTo(n);
      assertThat(receipts).containsEntry(device.address(), (long) n);
      p.submit(device.address(), message(n + 1)); // after close: left for the next session
      assertThat(stored).hasSize(n);
      assertThat(rejected).isEmpty();
    }
  }

  @Test
  void aReadingWhoseVerificationThrowsIsDeadLetteredCountedAndAcknowledged() {
    DeviceDirectory unavailable =
        new DeviceDirectory() {
          private final InMemoryDeviceDirectory known = registered();
          private volatile boolean down = true;

          @Override
          public Optional<RegisteredDevice> find(String address) {
            if (down) {
              down = false; // the chain answers again for the next reading
              throw new IllegalStateException("chain RPC unavailable");
            }
            return known.find(address);
          }
        };
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL");
        ReadingPipeline p = pipeline(store, unavailable)) {
      p.submit(device.address(), message(1));
      Await.until(Duration.ofSeconds(5), () -> rejected.size() == 1, "dead-lettered");
      assertThat(counter.count(RejectionReason.HANDLER_FAILED)).isEqualTo(1);
      assertThat(store.count()).isZero();
      assertThat(receipts).isEmpty(); // not receipted: the device keeps it and re-sends it
      p.submit(device.address(), message(1));
      Await.until(Duration.ofSeconds(5), () -> stored.size() == 1, "the re-sent reading stored");
      Await.until(
          Duration.ofSeconds(5),
          () -> receipts.getOrDefault(device.address(), 0L) == 1,
          "receipted once stored");
    }
  }
}
