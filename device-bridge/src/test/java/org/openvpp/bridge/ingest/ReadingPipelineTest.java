package org.openvpp.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.sim.SimClock;
import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.store.StoreException;
import org.openvpp.bridge.store.StoredReading;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.verify.DeviceCursor;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.bridge.verify.RejectionCounter;
import org.openvpp.bridge.verify.RejectionLog;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;

class ReadingPipelineTest {
  final SimClock clock = new SimClock(T0);
  final Signer device = Fixtures.signer(1);
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final List<MqttMessage> acked = new CopyOnWriteArrayList<>();
  final FlakyStore store = new FlakyStore();

  ReadingPipeline pipeline() {
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
    ReadingVerifier verifier =
        new ReadingVerifier(
            Fixtures.TYPED,
            new JavaRecovery(),
            directory,
            org.openvpp.bridge.DeviceBridgeAccess.lookup(store),
            clock);
    return new ReadingPipeline(
        verifier,
        store,
        new RejectionCounter(metrics),
        new RejectionLog(clock, 60_000),
        new ReadingPipeline.PipelineSink() {
          @Override
          public void stored(List<ReadingPipeline.Accepted> batch) {
            batch.forEach(a -> acked.add(a.message()));
          }

          @Override
          public void rejected(MqttMessage message, RejectionReason reason) {
            acked.add(message);
          }

          @Override
          public void handled(MqttMessage message) {
            acked.add(message);
          }

          @Override
          public void receiptable(String device, long sequence) {}
        },
        clock,
        2);
  }

  MqttMessage message(int id, byte[] payload) {
    return new MqttMessage(Topics.device(device.address(), Topics.READING), payload, 1, false, id);
  }

  byte[] reading(long seq) {
    return WireCodec.encode(device.sign(new MeterReading(device.address(), seq, T0, seq, 0, 0, 0)));
  }

  @Test
  void acknowledgesAReadingOnlyAfterItIsStoredAndSurvivesAStoreFailure() {
    store.failNext.set(1);
    try (ReadingPipeline p = pipeline()) {
      p.submit(device.address(), message(1, reading(1)));
      Await.until(Duration.ofSeconds(5), () -> store.failures.get() == 1, "store failure");
      assertThat(acked).isEmpty();
      p.submit(device.address(), message(2, reading(2)));
      Await.until(Duration.ofSeconds(5), () -> acked.size() == 1, "second reading acked");
      assertThat(acked.get(0).messageId()).isEqualTo(2);
      p.submit(device.address(), message(3, reading(1))); // the device re-sends reading 1
      Await.until(Duration.ofSeconds(5), () -> acked.size() == 2, "re-sent reading acked");
      assertThat(store.rows)
          .extracting(r -> r.signed().reading().sequence())
          .containsExactlyInAnyOrder(1L, 2L);
    }
  }

  @Test
  void countsRejectionsPerReasonInMicrometerAndAcknowledgesThem() {
    try (ReadingPipeline p = pipeline()) {
      p.submit(device.address(), message(1, "{".getBytes()));
      p.submit(device.address(), message(2, "[]".getBytes()));
      p.submit(device.address(), message(3, reading(1)));
      Await.until(Duration.ofSeconds(5), () -> acked.size() == 3, "all acknowledged");
    }
    assertThat(metrics.get("vpp.bridge.rejected").tag("reason", "MALFORMED_JSON").counter().count())
        .isEqualTo(1.0);
    assertThat(metrics.get("vpp.bridge.rejected").tag("reason", "SCHEMA").counter().count())
        .isEqualTo(1.0);
    assertThat(store.rows).hasSize(1);
  }

  @Test
  void logsARejectingDeviceOncePerPeriod() {
    RejectionLog log = new RejectionLog(clock, 60_000);
    assertThat(log.log("0xabc", RejectionReason.SCHEMA, "x")).isTrue();
    assertThat(log.log("0xabc", RejectionReason.BAD_SIGNATURE, "y")).isFalse();
    assertThat(log.log("0xdef", RejectionReason.SCHEMA, "x")).isTrue();
    clock.advance(60_000);
    assertThat(log.log("0xabc", RejectionReason.SCHEMA, "x")).isTrue();
  }

  /** A store that fails on demand. */
  static final class FlakyStore implements ReadingStore {
    final List<StoredReading> rows = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    @Override
    public void append(List<StoredReading> batch) {
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failures.incrementAndGet();
        throw new StoreException("disk full", null);
      }
      rows.addAll(batch);
    }

    @Override
    public Map<String, DeviceCursor> cursors() {
      return Map.of(); // nothing durable yet in these tests (only failures reset cursors)
    }

    @Override
    public Optional<SignedReading> find(String device, long sequence) {
      return Optional.empty();
    }

    @Override
    public Optional<SignedReading> previous(String device, long sequence) {
      return rows.stream()
          .map(StoredReading::signed)
          .filter(r -> r.reading().sequence() < sequence)
          .max(java.util.Comparator.comparingLong(r -> r.reading().sequence()));
    }

    @Override
    public Optional<SignedReading> next(String device, long sequence) {
      return rows.stream()
          .map(StoredReading::signed)
          .filter(r -> r.reading().sequence() > sequence)
          .min(java.util.Comparator.comparingLong(r -> r.reading().sequence()));
    }

    @Override
    public List<SignedReading> readings(String device, long from, long to) {
      return new ArrayList<>();
    }

    @Override
    public long count() {
      return rows.size();
    }

    @Override
    public long storedRunEnd(String device, long after) {
      return after; // receipts are covered by ReceiptRuleTest against SQLite
    }

    @Override
    public Map<String, Long> receipts() {
      return Map.of();
    }

    @Override
    public void saveReceipts(Map<String, Long> receipts) {}

    @Override
    public void close() {}
  }
}
