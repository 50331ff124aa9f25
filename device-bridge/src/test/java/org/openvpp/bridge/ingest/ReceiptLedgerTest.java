package org.openvpp.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;

/** The receipt rule of protocol §5.4: a receipt never covers a sequence that is not settled. */
class ReceiptLedgerTest {
  static final String D = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  static final String E = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

  final Set<Long> storedOfD = new ConcurrentSkipListSet<>();

  /** The durable run after a sequence, computed from {@link #storedOfD} like the store does. */
  long runEnd(String device, long after) {
    long end = after;
    while (device.equals(D) && storedOfD.contains(end + 1)) {
      end++;
    }
    return end;
  }

  OptionalLong settle(ReceiptLedger ledger, long... sequences) {
    List<Long> list = new ArrayList<>();
    for (long s : sequences) {
      list.add(s);
      storedOfD.add(s);
    }
    return ledger.settle(D, list);
  }

  @Test
  void inOrderReadingsAreReceiptedUpToTheLast() {
    ReceiptLedger ledger = ReceiptLedger.empty();
    assertThat(settle(ledger, 1, 2, 3)).hasValue(3);
    assertThat(settle(ledger, 4)).hasValue(4);
    assertThat(ledger.frontier(D)).isEqualTo(4);
  }

  @Test
  void aGapHoldsTheReceiptBackUntilTheDeviceRetransmitsTheMissingReadings() {
    ReceiptLedger ledger = ReceiptLedger.empty();
    settle(ledger, 1, 2);
    // 3..5 were published into a broker without a subscriber and lost; 6 and 7 arrive.
    assertThat(settle(ledger, 6, 7)).isEmpty();
    assertThat(ledger.frontier(D)).isEqualTo(2);
    assertThat(ledger.waitingAboveGap(D)).isEqualTo(2);
    assertThat(settle(ledger, 3, 4)).hasValue(4); // the retransmission, partly
    assertThat(settle(ledger, 5)).hasValue(7); // the gap closes: the run reaches 7
    assertThat(ledger.waitingAboveGap(D)).isZero();
  }

  @Test
  void aDeviceFirstSeenAboveSequenceOneIsNotReceiptedBeforeItsEarlierReadingsArrive() {
    ReceiptLedger ledger = ReceiptLedger.empty();
    assertThat(settle(ledger, 11, 12)).isEmpty();
    assertThat(ledger.frontier(D)).isZero();
    assertThat(settle(ledger, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).hasValue(12);
  }

  @Test
  void outOfOrderBatchesMeetInOneRun() {
    ReceiptLedger ledger = ReceiptLedger.empty();
    assertThat(settle(ledger, 5, 3, 1)).hasValue(1);
    assertThat(settle(ledger, 4)).isEmpty();
    assertThat(settle(ledger, 2)).hasValue(5);
  }

  @Test
  void duplicatesAndReplayedSequencesNeverMoveTheReceipt() {
    ReceiptLedger ledger = ReceiptLedger.empty();
    settle(ledger, 1, 2, 3);
    assertThat(settle(ledger, 2, 3, 3, 1)).isEmpty(); // re-sent readings already settled
    assertThat(settle(ledger, 5, 5)).isEmpty(); // a duplicate above a gap
    assertThat(ledger.frontier(D)).isEqualTo(3);
    assertThat(ledger.waitingAboveGap(D)).isEqualTo(1);
    assertThat(settle(ledger, 4)).hasValue(5);
  }

  @Test
  void devicesAreReceiptedIndependently() {
    ReceiptLedger ledger = ReceiptLedger.empty();
    settle(ledger, 1, 3);
    assertThat(ledger.settle(E, List.of(1L, 2L))).hasValue(2);
    assertThat(ledger.frontier(D)).isEqualTo(1);
    assertThat(ledger.frontier("0x" + "0".repeat(40))).isZero();
  }

  @Test
  void afterARestartTheRunContinuesFromTheSavedReceiptAndReadingsStoredAboveAGap() {
    // Before the restart: 1..4 stored and receipted; 5 settled by a rejection (not stored) and
    // receipted with 6; 8 and 9 stored above the gap at 7.
    storedOfD.addAll(List.of(1L, 2L, 3L, 4L, 6L, 8L, 9L));
    ReceiptLedger ledger = new ReceiptLedger(Map.of(D, 6L), Map.of(D, 9L), this::runEnd);
    assertThat(ledger.frontier(D)).isEqualTo(6);
    assertThat(settle(ledger, 10)).isEmpty();
    assertThat(settle(ledger, 7)).hasValue(10); // 8 and 9 come from the store
  }

  @Test
  void withoutASavedReceiptARestartStartsFromSequenceOneNotFromTheLowestStored() {
    storedOfD.addAll(List.of(11L, 12L)); // the device still holds 1..10: never receipted
    ReceiptLedger ledger = new ReceiptLedger(Map.of(), Map.of(D, 12L), this::runEnd);
    assertThat(ledger.frontier(D)).isZero();
    assertThat(settle(ledger, 1, 2, 3, 4, 5, 6, 7, 8, 9)).hasValue(9);
    assertThat(settle(ledger, 10)).hasValue(12);
  }

  @Test
  void anyArrivalOrderWithLossesAndRepeatsNeverReceiptsAMissingSequence() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      storedOfD.clear();
      ReceiptLedger ledger = ReceiptLedger.empty();
      List<Long> arrivals = new ArrayList<>();
      for (long s = 1; s <= 40; s++) {
        if (random.nextInt(5) > 0) {
          arrivals.add(s); // one in five is lost
        }
        if (random.nextInt(4) == 0) {
          arrivals.add(1 + (long) random.nextInt(40)); // a repeat or a replayed number
        }
      }
      Collections.shuffle(arrivals, random);
      Set<Long> settled = new TreeSet<>();
      long lastReceipt = 0;
      for (int i = 0, size; i < arrivals.size(); i += size) {
        size = 1 + random.nextInt(4);
        List<Long> batch = arrivals.subList(i, Math.min(arrivals.size(), i + size));
        settled.addAll(batch);
        storedOfD.addAll(batch);
        OptionalLong receipt = ledger.settle(D, List.copyOf(batch));
        if (receipt.isPresent()) {
          assertThat(receipt.getAsLong()).isGreaterThan(lastReceipt);
          lastReceipt = receipt.getAsLong();
        }
        for (long s = 1; s <= ledger.frontier(D); s++) {
          assertThat(settled).as("round %d: receipt %d", round, ledger.frontier(D)).contains(s);
        }
        assertThat(settled).doesNotContain(ledger.frontier(D) + 1);
      }
    }
  }
}
