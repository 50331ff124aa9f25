package org.openvpp.node.bids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.market.BidCommitment;
import org.openvpp.contracts.market.SealedBid;

/** Sealed bids from the seal to the end of the auction, across a restart and replays. */
class SealedBidBookTest {
  private static final String NODE = "0x00000000000000000000000000000000000000ee";
  private static final BigInteger R = BigInteger.valueOf(5);
  private static final BigInteger PRICE = BigInteger.TEN.pow(17);

  private final InMemorySealedBidStore store = new InMemorySealedBidStore();
  private final SealedBidBook book = new SealedBidBook(NODE, store);

  @Test
  void theSaltIsStoredBeforeTheCommitmentLeavesAndRevealsExactlyWhatWasSealed() {
    SealedBid bid = book.seal(R, 3_000, PRICE);
    assertThat(store.find(NODE, R).orElseThrow().status()).isEqualTo(BidStatus.SEALED);
    assertThat(bid.commitment())
        .isEqualTo(BidCommitment.of(R, NODE, 3_000, PRICE, store.find(NODE, R).get().bid().salt()));
    assertThatThrownBy(() -> book.toReveal(R)).hasMessageContaining("SEALED");
    book.committed(R);

    // A restarted node finds what it has to reveal.
    SealedBidBook restarted = new SealedBidBook(NODE, store);
    assertThat(restarted.pendingReveals()).containsExactly(bid);
    assertThat(restarted.toReveal(R)).isEqualTo(bid);
    restarted.revealed(R);
    restarted.ended(R, BidStatus.AWARDED);
    assertThat(restarted.status(R)).isEqualTo(BidStatus.AWARDED);
    assertThat(restarted.pendingReveals()).isEmpty();
  }

  @Test
  void oneBidPerRequest() {
    book.seal(R, 3_000, PRICE);
    assertThatThrownBy(() -> book.seal(R, 1_000, PRICE)).hasMessageContaining("already bid");
    assertThat(book.seal(R.add(BigInteger.ONE), 1_000, PRICE).requestId()).isEqualTo(6);
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
}
