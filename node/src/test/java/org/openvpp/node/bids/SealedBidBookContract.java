package org.openvpp.node.bids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.market.BidCommitment;
import org.openvpp.contracts.market.SealedBid;

/**
 * Sealed bids from the seal to the end of the auction, across a restart and replays: what every
 * {@link SealedBidStore} must do, run against each one by a subclass.
 */
abstract class SealedBidBookContract {
  static final String NODE = "0x00000000000000000000000000000000000000ee";
  static final BigInteger R = BigInteger.valueOf(5);
  static final BigInteger PRICE = BigInteger.TEN.pow(17);

  SealedBidStore store;
  SealedBidBook book;

  /** A store over new, empty storage. */
  abstract SealedBidStore open();

  /** The storage {@link #open} made, closed and opened again as after a restart. */
  abstract SealedBidStore reopen();

  /** Releases what {@link #open} or {@link #reopen} holds. */
  void close() {}

  @BeforeEach
  void openBook() {
    store = open();
    book = new SealedBidBook(NODE, store);
  }

  @AfterEach
  void closeStore() {
    close();
  }

  private void restart() {
    store = reopen();
    book = new SealedBidBook(NODE, store);
  }

  @Test
  void theSaltIsStoredBeforeTheCommitmentLeavesAndRevealsExactlyWhatWasSealed() {
    SealedBid bid = book.seal(R, 3_000, PRICE);
    assertThat(store.find(NODE, R).orElseThrow().status()).isEqualTo(BidStatus.SEALED);
    assertThat(bid.commitment())
        .isEqualTo(BidCommitment.of(R, NODE, 3_000, PRICE, store.find(NODE, R).get().bid().salt()));
    assertThatThrownBy(() -> book.toReveal(R)).hasMessageContaining("SEALED");

    // A crash between the seal and the commit: the salt is still there.
    restart();
    assertThat(store.find(NODE, R).orElseThrow().bid()).isEqualTo(bid);
    book.committed(R);

    // A restarted node finds what it has to reveal, salt and all.
    restart();
    assertThat(book.pendingReveals()).containsExactly(bid);
    assertThat(book.toReveal(R)).isEqualTo(bid);
    assertThat(book.toReveal(R).commitment()).isEqualTo(bid.commitment());
    book.revealed(R);
    book.ended(R, BidStatus.AWARDED);
    restart();
    assertThat(book.status(R)).isEqualTo(BidStatus.AWARDED);
    assertThat(book.pendingReveals()).isEmpty();
  }

  @Test
  void oneBidPerRequest() {
    SealedBid first = book.seal(R, 3_000, PRICE);
    assertThatThrownBy(() -> book.seal(R, 1_000, PRICE)).hasMessageContaining("already bid");
    assertThat(store.find(NODE, R).orElseThrow().bid()).as("the first kept").isEqualTo(first);
    assertThat(book.seal(R.add(BigInteger.ONE), 1_000, PRICE).requestId()).isEqualTo(6);
    // Another node bids on the same request with a book of its own.
    String other = "0x00000000000000000000000000000000000000ef";
    assertThat(new SealedBidBook(other, store).seal(R, 1_000, PRICE).node()).isEqualTo(other);
    assertThat(store.find(NODE, R).orElseThrow().bid()).isEqualTo(first);
  }

  @Test
  void replaysAreIgnoredAndStepsBackOrOutOfAnEndRefused() {
    book.seal(R, 3_000, PRICE);
    book.committed(R);
    book.committed(R);
    book.revealed(R);
    book.committed(R); // a late replay of the commit event
    assertThat(book.status(R)).isEqualTo(BidStatus.REVEALED);
    book.ended(R, BidStatus.NOT_AWARDED);
    book.revealed(R);
    assertThat(book.status(R)).isEqualTo(BidStatus.NOT_AWARDED);
    assertThatThrownBy(() -> book.ended(R, BidStatus.AWARDED)).hasMessageContaining("cannot go");
    assertThatThrownBy(() -> book.ended(R, BidStatus.REVEALED)).hasMessageContaining("not an end");

    BigInteger r2 = R.add(BigInteger.ONE);
    book.seal(r2, 1_000, PRICE);
    assertThatThrownBy(() -> book.revealed(r2)).hasMessageContaining("cannot go");
    book.ended(r2, BidStatus.EXPIRED);
    assertThatThrownBy(() -> book.committed(r2)).hasMessageContaining("cannot go");
    assertThatThrownBy(() -> book.status(BigInteger.TEN)).hasMessageContaining("no bid");
  }

  /** The store refuses a step back by itself: a stale or second writer cannot undo a reveal. */
  @Test
  void theStoreItselfMovesOnlyForward() {
    book.seal(R, 3_000, PRICE);
    store.update(NODE, R, BidStatus.COMMITTED);
    store.update(NODE, R, BidStatus.REVEALED);
    for (BidStatus back : new BidStatus[] {BidStatus.SEALED, BidStatus.COMMITTED}) {
      assertThatThrownBy(() -> store.update(NODE, R, back))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> store.update(NODE, R, BidStatus.REVEALED))
        .isInstanceOf(IllegalStateException.class);
    store.update(NODE, R, BidStatus.EXPIRED);
    for (BidStatus any : BidStatus.values()) {
      assertThatThrownBy(() -> store.update(NODE, R, any))
          .as(any.name())
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(store.find(NODE, R).orElseThrow().status()).isEqualTo(BidStatus.EXPIRED);
    assertThatThrownBy(() -> store.update(NODE, BigInteger.TEN, BidStatus.COMMITTED))
        .hasMessageContaining("no bid");
    assertThat(store.find(NODE, BigInteger.TEN)).isEmpty();
  }

  @Test
  void pendingRevealsComeInRequestOrderAndOnlyTheNodesOwn() {
    long[] ids = {100, 9, 10, 2};
    for (long id : ids) {
      book.seal(BigInteger.valueOf(id), 1_000, PRICE);
      book.committed(BigInteger.valueOf(id));
    }
    SealedBidBook other = new SealedBidBook("0x00000000000000000000000000000000000000ef", store);
    other.seal(BigInteger.ONE, 1_000, PRICE);
    other.committed(BigInteger.ONE);
    restart();
    assertThat(book.pendingReveals())
        .extracting(SealedBid::requestId)
        .containsExactly(
            BigInteger.valueOf(2),
            BigInteger.valueOf(9),
            BigInteger.valueOf(10),
            BigInteger.valueOf(100));
  }

  /** Writers racing on one step: exactly one moves the bid, the others are refused. */
  @Test
  void racingWritersMoveABidOnce() throws Exception {
    book.seal(R, 3_000, PRICE);
    book.committed(R);
    int writers = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Boolean>> tries = new java.util.ArrayList<>();
      for (int i = 0; i < writers; i++) {
        tries.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    store.update(NODE, R, BidStatus.REVEALED);
                    return true;
                  } catch (IllegalStateException refused) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int moved = 0;
      for (java.util.concurrent.Future<Boolean> t : tries) {
        moved += t.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(moved).isEqualTo(1);
      assertThat(book.status(R)).isEqualTo(BidStatus.REVEALED);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requestIdsAndPricesUpToUint256SurviveARestart() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    SealedBid bid = book.seal(max, 4_294_967_295L, max);
    restart();
    assertThat(store.find(NODE, max).orElseThrow().bid()).isEqualTo(bid);
  }
}
