package org.openvpp.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.DeviceBridgeAccess;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
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

/**
 * The receipt rule through the real pipeline, verifier and SQLite store: signed readings arrive out
 * of order, twice, replayed, rejected and with gaps, and the receipt only ever names the end of the
 * gap-free settled run.
 */
class ReceiptRuleTest {
  @TempDir Path dir;
  final SimClock clock = new SimClock(T0 + 100_000);
  final Signer device = Fixtures.signer(7);
  final Map<String, Long> receipted = new ConcurrentHashMap<>();
  final List<RejectionReason> rejections = new CopyOnWriteArrayList<>();
  final AtomicInteger handled = new AtomicInteger();
  final AtomicInteger ids = new AtomicInteger();
  SqliteReadingStore store;
  ReadingPipeline pipeline;

  void open() {
    store = SqliteReadingStore.open(dir.resolve("readings.db"), "NORMAL");
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
    ReadingVerifier verifier =
        new ReadingVerifier(
            Fixtures.TYPED, new JavaRecovery(), directory, DeviceBridgeAccess.lookup(store), clock);
    pipeline =
        new ReadingPipeline(
            verifier,
            store,
            new RejectionCounter(new SimpleMeterRegistry()),
            new RejectionLog(clock, 60_000),
            new ReadingPipeline.PipelineSink() {
              @Override
              public void stored(List<ReadingPipeline.Accepted> batch) {
                handled.addAndGet(batch.size());
              }

              @Override
              public void rejected(MqttMessage message, RejectionReason reason) {
                rejections.add(reason);
                handled.incrementAndGet();
              }

              @Override
              public void handled(MqttMessage message) {}

              @Override
              public void receiptable(String d, long sequence) {
                receipted.merge(d, sequence, Math::max);
              }
            },
            clock,
            2);
  }

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** One reading per second, 1 Wh imported per second (well under the 5 kW ceiling). */
  MeterReading reading(long seq) {
    return new MeterReading(device.address(), seq, T0 + seq * 1_000, seq, 0, -3_600, 500);
  }

  /** Submits the readings and waits until the pipeline has handled every one of them. */
  void send(MeterReading... readings) {
    int before = handled.get();
    for (MeterReading r : readings) {
      byte[] payload = WireCodec.encode(device.sign(r));
      pipeline.submit(
          device.address(),
          new MqttMessage(
              Topics.device(device.address(), Topics.READING),
              payload,
              1,
              false,
              ids.incrementAndGet()));
    }
    Await.until(
        Duration.ofSeconds(10),
        () -> handled.get() == before + readings.length,
        readings.length + " readings handled");
  }

  void send(long... sequences) {
    MeterReading[] rs = new MeterReading[sequences.length];
    for (int i = 0; i < sequences.length; i++) {
      rs[i] = reading(sequences[i]);
    }
    send(rs);
  }

  long receipt() {
    return receipted.getOrDefault(device.address(), 0L);
  }

  @Test
  void aGapInTheStoreHoldsTheReceiptAtTheLastReadingBeforeIt() {
    open();
    send(1, 2);
    assertThat(receipt()).isEqualTo(2);
    send(6, 7); // 3..5 lost on the way (a broker without a subscriber)
    assertThat(store.find(device.address(), 7)).isPresent();
    assertThat(receipt()).isEqualTo(2);
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(2);
    send(3, 4, 5); // the device's retransmission: late readings fit between their neighbours
    assertThat(receipt()).isEqualTo(7);
    assertThat(rejections).isEmpty();
  }

  @Test
  void outOfOrderDuplicateAndReplayedReadingsNeverReceiptAMissingSequence() {
    open();
    send(2, 1); // out of order: 2 first, then the late 1
    assertThat(receipt()).isEqualTo(2);
    send(4);
    send(4, 2); // duplicates: one above the gap at 3, one below
    MeterReading forged4 = new MeterReading(device.address(), 4, T0 + 4_000, 4, 1, 0, 500);
    send(forged4); // the sequence reused with other content
    assertThat(rejections)
        .containsExactly(
            RejectionReason.DUPLICATE,
            RejectionReason.DUPLICATE,
            RejectionReason.REPLAYED_SEQUENCE);
    assertThat(receipt()).isEqualTo(2);
    send(3);
    assertThat(receipt()).isEqualTo(4);
  }

  @Test
  void aReadingRejectedForItsContentIsSettledSoItDoesNotBlockLaterReceipts() {
    open();
    send(1, 2);
    MeterReading implausible = new MeterReading(device.address(), 3, T0 + 3_000, 3_000, 0, 0, 500);
    send(implausible, reading(4));
    assertThat(rejections).containsExactly(RejectionReason.IMPLAUSIBLE_ENERGY);
    assertThat(receipt()).isEqualTo(4);
    assertThat(store.find(device.address(), 3)).isEmpty();
  }

  @Test
  void aReadingTooFarAheadOfTheNodeClockIsNotSettledItMayPassWhenReSent() {
    open();
    send(1);
    MeterReading ahead = reading(200); // 100 s ahead of the node's clock
    send(ahead);
    assertThat(rejections).containsExactly(RejectionReason.CLOCK_SKEW);
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(1);
  }

  @Test
  void afterARestartTheReceiptResumesFromTheSavedFrontierNotFromTheLowestStoredReading() {
    open();
    send(4, 5); // the first contact: 1..3 were lost and the device still holds them
    assertThat(receipt()).isZero();
    close();
    receipted.clear();
    open();
    assertThat(pipeline.receiptFrontier(device.address())).isZero();
    send(1, 2);
    assertThat(receipt()).isEqualTo(2);
    store.saveReceipts(Map.of(device.address(), 2L));
    send(3);
    assertThat(receipt()).isEqualTo(5); // 4 and 5 were stored by the earlier run
    store.saveReceipts(Map.of(device.address(), 1L)); // an older frontier never moves it back
    assertThat(store.receipts()).containsEntry(device.address(), 2L);
  }
}
