package org.openvpp.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.verify.DeviceCursor;
import org.openvpp.contracts.evidence.MeterReading;

/**
 * What every {@link ReadingStore} promises, run against each real engine by a subclass: durable
 * once {@code append} returns, idempotent, atomic per batch, ordered reads, receipts that never
 * move back.
 */
abstract class ReadingStoreContract {
  final Signer device = Fixtures.signer(3);
  final Signer other = Fixtures.signer(4);

  /** Opens the store of this test: every call within one test opens the same data. */
  abstract ReadingStore open();

  /** Makes the engine itself refuse to store {@code sequence} (a constraint added from outside). */
  abstract void refuseSequence(long sequence) throws Exception;

  SignedReading reading(long seq) {
    return reading(device, seq);
  }

  static SignedReading reading(Signer signer, long seq) {
    return signer.sign(
        new MeterReading(signer.address(), seq, Fixtures.T0 + seq, seq * 10, seq, -seq, 500));
  }

  static List<StoredReading> stored(SignedReading... readings) {
    List<StoredReading> out = new ArrayList<>();
    for (SignedReading r : readings) {
      out.add(new StoredReading(r, Fixtures.T0));
    }
    return out;
  }

  @Test
  void storedReadingsSurviveReopenWithTheirSignatures() {
    try (ReadingStore store = open()) {
      store.append(List.of(new StoredReading(reading(1), 1), new StoredReading(reading(2), 2)));
    }
    try (ReadingStore store = open()) {
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.find(device.address(), 2)).contains(reading(2));
      assertThat(store.find(device.address(), 2).orElseThrow().signature())
          .containsExactly(reading(2).signature());
      assertThat(store.readings(device.address(), 1, 2)).containsExactly(reading(1), reading(2));
      assertThat(store.cursors())
          .containsEntry(device.address(), new DeviceCursor(2, Fixtures.T0 + 2, 20, 2));
    }
  }

  @Test
  void appendingTheSameReadingTwiceKeepsOneCopy() {
    try (ReadingStore store = open()) {
      store.append(List.of(new StoredReading(reading(1), 1)));
      store.append(List.of(new StoredReading(reading(1), 5)));
      assertThat(store.count()).isEqualTo(1);
      assertThat(store.find(device.address(), 9)).isEmpty();
      store.append(List.of(new StoredReading(reading(4), 1)));
      assertThat(store.previous(device.address(), 3)).contains(reading(1));
      assertThat(store.next(device.address(), 2)).contains(reading(4));
      assertThat(store.next(device.address(), 4)).isEmpty();
      assertThat(store.previous(device.address(), 1)).isEmpty();
    }
  }

  @Test
  void duplicatesWithinOneBatchAndEmptyBatchesAreHarmless() {
    try (ReadingStore store = open()) {
      store.append(List.of());
      store.append(stored(reading(1), reading(2), reading(1), reading(2)));
      assertThat(store.count()).isEqualTo(2);
    }
  }

  @Test
  void cursorsNameEachDevicesHighestStoredReading() {
    try (ReadingStore store = open()) {
      store.append(stored(reading(5), reading(other, 2), reading(3)));
      store.append(stored(reading(4), reading(other, 1)));
      assertThat(store.cursors())
          .hasSize(2)
          .containsEntry(device.address(), new DeviceCursor(5, Fixtures.T0 + 5, 50, 5))
          .containsEntry(other.address(), new DeviceCursor(2, Fixtures.T0 + 2, 20, 2));
      assertThat(store.readings(device.address(), 0, 100))
          .containsExactly(reading(3), reading(4), reading(5));
      assertThat(store.readings(device.address(), 4, 4)).containsExactly(reading(4));
      assertThat(store.readings("0x0000000000000000000000000000000000000001", 0, 100)).isEmpty();
    }
  }

  /** Acknowledged means committed: another store on the same data sees it without a close. */
  @Test
  void whatAppendReturnedFromIsVisibleToAnotherStoreAtOnce() {
    try (ReadingStore writer = open();
        ReadingStore reader = open()) {
      for (long seq = 1; seq <= 20; seq++) {
        writer.append(stored(reading(seq)));
        assertThat(reader.find(device.address(), seq)).as("sequence %d", seq).isPresent();
      }
    }
  }

  @Test
  void aBatchTheEngineRefusesStoresNothingAndSaysSo() throws Exception {
    try (ReadingStore store = open()) {
      store.append(stored(reading(1)));
      refuseSequence(7);
      assertThatThrownBy(() -> store.append(stored(reading(5), reading(6), reading(7))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("3 readings");
      assertThat(store.count()).isEqualTo(1);
      assertThat(store.find(device.address(), 5)).isEmpty();
      store.append(stored(reading(5), reading(6)));
      assertThat(store.count()).isEqualTo(3);
    }
  }

  @Test
  void concurrentAppendsAreAllStored() throws Exception {
    int threads = 4;
    int batches = 25;
    int perBatch = 4;
    try (ReadingStore store = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Signer signer = Fixtures.signer(10 + t);
          done.add(
              pool.submit(
                  () -> {
                    long seq = 1;
                    for (int b = 0; b < batches; b++) {
                      List<StoredReading> batch = new ArrayList<>();
                      for (int i = 0; i < perBatch; i++) {
                        batch.add(new StoredReading(reading(signer, seq++), Fixtures.T0));
                      }
                      store.append(batch);
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.count()).isEqualTo((long) threads * batches * perBatch);
      assertThat(store.cursors()).hasSize(threads);
    }
  }

  @Test
  void theStoredRunEndsAtTheFirstGap() {
    try (ReadingStore store = open()) {
      store.append(stored(reading(1), reading(2), reading(3), reading(5)));
      assertThat(store.storedRunEnd(device.address(), 0)).isEqualTo(3);
      assertThat(store.storedRunEnd(device.address(), 3)).isEqualTo(3);
      assertThat(store.storedRunEnd(device.address(), 4)).isEqualTo(5);
      assertThat(store.storedRunEnd(other.address(), 0)).isZero();
    }
  }

  @Test
  void receiptsSurviveReopenAndNeverMoveBack() {
    try (ReadingStore store = open()) {
      store.saveReceipts(Map.of());
      store.saveReceipts(Map.of(device.address(), 5L, other.address(), 2L));
      store.saveReceipts(Map.of(device.address(), 3L));
    }
    try (ReadingStore store = open()) {
      assertThat(store.receipts()).isEqualTo(Map.of(device.address(), 5L, other.address(), 2L));
      store.saveReceipts(Map.of(other.address(), 9L));
      assertThat(store.receipts()).containsEntry(other.address(), 9L);
    }
  }

  @Test
  void aClosedStoreRefusesWithAStoreException() {
    ReadingStore store = open();
    store.close();
    assertThatThrownBy(() -> store.append(stored(reading(1)))).isInstanceOf(StoreException.class);
    try (ReadingStore again = open()) {
      assertThat(again.count()).isZero();
    }
  }
}
