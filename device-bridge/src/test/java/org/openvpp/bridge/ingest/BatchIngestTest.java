package org.openvpp.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.DeviceBridgeAccess;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
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
 * Reading batches through the real pipeline, verifier and SQLite store: each reading of a batch is
 * judged alone, the message is acknowledged exactly once when all its readings are settled, and
 * malformed, forged, replayed and out-of-order batches have defined outcomes.
 */
class BatchIngestTest {
  @TempDir Path dir;
  final SimClock clock = new SimClock(T0 + 1_000_000);
  final Signer device = Fixtures.signer(7);
  final Signer impostor = Fixtures.signer(8);
  final Map<String, Long> receipted = new ConcurrentHashMap<>();
  final List<Integer> acked = new CopyOnWriteArrayList<>();
  final AtomicInteger ids = new AtomicInteger();
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final AtomicInteger directoryFailures = new AtomicInteger();
  SqliteReadingStore store;
  ReadingPipeline pipeline;

  @BeforeEach
  void open() {
    store = SqliteReadingStore.open(dir.resolve("readings.db"), "NORMAL");
    InMemoryDeviceDirectory known = new InMemoryDeviceDirectory();
    known.put(Fixtures.battery(device.address(), 5_000, 10_000));
    org.openvpp.bridge.directory.DeviceDirectory directory =
        address -> {
          if (directoryFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("chain RPC unavailable");
          }
          return known.find(address);
        };
    ReadingVerifier verifier =
        new ReadingVerifier(
            Fixtures.TYPED,
            AddressRecovery.fastest(),
            directory,
            DeviceBridgeAccess.lookup(store),
            clock);
    pipeline =
        new ReadingPipeline(
            verifier,
            store,
            new RejectionCounter(metrics),
            new RejectionLog(clock, 60_000),
            new ReadingPipeline.PipelineSink() {
              @Override
              public void stored(List<ReadingPipeline.Accepted> batch) {
                batch.stream()
                    .filter(ReadingPipeline.Accepted::completesMessage)
                    .forEach(a -> acked.add(a.message().messageId()));
              }

              @Override
              public void rejected(MqttMessage message, RejectionReason reason) {
                acked.add(message.messageId());
              }

              @Override
              public void handled(MqttMessage message) {
                acked.add(message.messageId());
              }

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
    pipeline.close();
    store.close();
  }

  SignedReading reading(long seq) {
    return device.sign(
        new MeterReading(device.address(), seq, T0 + seq * 1_000, seq, 0, -3_600, 500));
  }

  List<SignedReading> readings(long... sequences) {
    List<SignedReading> out = new ArrayList<>();
    for (long s : sequences) {
      out.add(reading(s));
    }
    return out;
  }

  /** Submits one batch message and waits until it is acknowledged; returns its message id. */
  int sendBatch(byte[] payload) {
    int id = ids.incrementAndGet();
    pipeline.submitBatch(
        device.address(),
        new MqttMessage(Topics.device(device.address(), Topics.READINGS), payload, 1, false, id));
    Await.until(Duration.ofSeconds(10), () -> acked.contains(id), "batch " + id + " acknowledged");
    return id;
  }

  int sendBatch(List<SignedReading> readings) {
    return sendBatch(ReadingBatchCodec.encode(new ReadingBatch(device.address(), readings)));
  }

  double rejected(RejectionReason reason) {
    var c = metrics.find("vpp.bridge.rejected").tag("reason", reason.name()).counter();
    return c == null ? 0 : c.count();
  }

  long stored() {
    return store.count();
  }

  @Test
  void storesEveryReadingOfABatchAndAcknowledgesTheMessageOnce() {
    int id = sendBatch(readings(1, 2, 3, 4, 5));
    assertThat(stored()).isEqualTo(5);
    Await.until(
        Duration.ofSeconds(5),
        () -> receipted.getOrDefault(device.address(), 0L) == 5,
        "receipt 5");
    assertThat(acked).containsExactly(id);
  }

  @Test
  void oneForgedReadingIsRejectedAloneAndTheReceiptStopsBeforeIt() {
    List<SignedReading> batch = readings(1, 2, 3);
    MeterReading forged = new MeterReading(device.address(), 2, T0 + 2_000, 2, 0, -3_600, 500);
    batch.set(1, impostor.sign(forged));
    int id = sendBatch(batch);
    assertThat(acked).containsExactly(id);
    assertThat(rejected(RejectionReason.BAD_SIGNATURE)).isEqualTo(1.0);
    assertThat(store.find(device.address(), 1)).isPresent();
    assertThat(store.find(device.address(), 2)).isEmpty();
    assertThat(store.find(device.address(), 3)).isPresent();
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(1);
    // The device still holds its genuine reading 2 and re-sends it: the gap closes.
    sendBatch(readings(2));
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(3);
  }

  @Test
  void aReplayedBatchStoresNothingNewAndBringsTheReceiptAgain() {
    byte[] payload =
        ReadingBatchCodec.encode(new ReadingBatch(device.address(), readings(1, 2, 3)));
    sendBatch(payload);
    receipted.clear();
    int again = sendBatch(payload);
    assertThat(acked).endsWith(again);
    assertThat(stored()).isEqualTo(3);
    assertThat(rejected(RejectionReason.DUPLICATE)).isEqualTo(3.0);
    assertThat(receipted).containsEntry(device.address(), 3L);
  }

  @Test
  void aReusedSequenceWithOtherContentInABatchIsAReplay() {
    sendBatch(readings(1, 2));
    SignedReading changed =
        device.sign(new MeterReading(device.address(), 2, T0 + 2_000, 2, 0, -3_000, 500));
    sendBatch(List.of(changed, reading(3)));
    assertThat(rejected(RejectionReason.REPLAYED_SEQUENCE)).isEqualTo(1.0);
    assertThat(stored()).isEqualTo(3);
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(3);
  }

  @Test
  void batchesArrivingOutOfOrderAreAllStoredAndTheReceiptCoversTheRun() {
    sendBatch(readings(4, 5, 6));
    assertThat(pipeline.receiptFrontier(device.address())).isZero();
    sendBatch(readings(1, 2, 3));
    assertThat(stored()).isEqualTo(6);
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(6);
  }

  @Test
  void aMalformedOrDisorderedBatchIsRefusedWholeAndSettlesNothing() {
    sendBatch("{\"v\":1,\"readings\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sendBatch(readings(2, 1));
    byte[] single = WireCodec.encode(reading(1)); // a single reading on the batch topic
    sendBatch(single);
    assertThat(rejected(RejectionReason.MALFORMED_JSON)).isEqualTo(1.0);
    assertThat(rejected(RejectionReason.BATCH_OUT_OF_ORDER)).isEqualTo(1.0);
    assertThat(rejected(RejectionReason.SCHEMA)).isEqualTo(1.0);
    assertThat(stored()).isZero();
    assertThat(pipeline.receiptFrontier(device.address())).isZero();
  }

  @Test
  void aBatchOfAnotherDeviceOnThisTopicIsRefused() {
    Signer other = Fixtures.signer(9);
    SignedReading r = other.sign(new MeterReading(other.address(), 1, T0, 0, 0, 0, 0));
    sendBatch(ReadingBatchCodec.encode(new ReadingBatch(other.address(), List.of(r))));
    assertThat(rejected(RejectionReason.TOPIC_MISMATCH)).isEqualTo(1.0);
    assertThat(stored()).isZero();
  }

  @Test
  void singleReadingsAndBatchesOfOneDeviceMix() {
    int id = ids.incrementAndGet();
    pipeline.submit(
        device.address(),
        new MqttMessage(
            Topics.device(device.address(), Topics.READING),
            WireCodec.encode(reading(1)),
            1,
            false,
            id));
    Await.until(Duration.ofSeconds(10), () -> acked.contains(id), "single acknowledged");
    sendBatch(readings(2, 3));
    assertThat(stored()).isEqualTo(3);
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(3);
  }

  @Test
  void aReadingWhoseCheckThrowsIsDeadLetteredAloneAndTheOthersAreStored() {
    directoryFailures.set(1);
    int id = sendBatch(readings(1, 2, 3));
    assertThat(acked).containsExactly(id);
    assertThat(rejected(RejectionReason.HANDLER_FAILED)).isEqualTo(1.0);
    assertThat(store.find(device.address(), 1)).isEmpty();
    assertThat(stored()).isEqualTo(2);
    assertThat(pipeline.receiptFrontier(device.address())).isZero();
    sendBatch(readings(1)); // the device re-sends what was not receipted
    assertThat(pipeline.receiptFrontier(device.address())).isEqualTo(3);
  }
}
