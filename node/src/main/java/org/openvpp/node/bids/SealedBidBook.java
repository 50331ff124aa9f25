package org.openvpp.node.bids;

import java.math.BigInteger;
import java.util.List;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.market.SealedBid;
import org.openvpp.node.bids.SealedBidStore.Entry;

/**
 * One node's sealed bids. A bid is sealed (salt drawn) and stored before its commitment may be
 * sent, so the salt outlives a crash between the two; a reveal repeats exactly what was sealed. One
 * bid per request, as the coordinator takes one commitment per node and request. Status moves only
 * forward ({@link BidStatus#mayBecome}), so a replayed event changes nothing.
 *
 * <p>Thread-safe through its store; calls may block, never call them on an event loop.
 */
public final class SealedBidBook {
  private final String node;
  private final SealedBidStore store;

  public SealedBidBook(String node, SealedBidStore store) {
    this.node = AbiWords.checkAddress(node);
    this.store = store;
  }

  public String node() {
    return node;
  }

  /**
   * Seals and stores an offer on {@code requestId}; send {@link SealedBid#commitment()} only after
   * this returned.
   *
   * @throws IllegalStateException if the node already bid on the request
   */
  public SealedBid seal(BigInteger requestId, long powerW, BigInteger pricePerKWh) {
    SealedBid bid = SealedBid.seal(requestId, node, powerW, pricePerKWh);
    if (!store.insert(bid)) {
      throw new IllegalStateException("node " + node + " already bid on request " + requestId);
    }
    return bid;
  }

  /** The commitment was mined. */
  public void committed(BigInteger requestId) {
    advance(requestId, BidStatus.COMMITTED);
  }

  /** The bid to reveal on {@code requestId}: committed and not yet revealed. */
  public SealedBid toReveal(BigInteger requestId) {
    Entry e =
        store
            .find(node, requestId)
            .orElseThrow(() -> new IllegalStateException("no bid on request " + requestId));
    if (e.status() != BidStatus.COMMITTED) {
      throw new IllegalStateException(
          "bid on request " + requestId + " is " + e.status() + ", not COMMITTED");
    }
    return e.bid();
  }

  /** The reveal was mined. */
  public void revealed(BigInteger requestId) {
    advance(requestId, BidStatus.REVEALED);
  }

  /** How the auction ended for the bid: AWARDED, NOT_AWARDED or EXPIRED. */
  public void ended(BigInteger requestId, BidStatus end) {
    if (end != BidStatus.AWARDED && end != BidStatus.NOT_AWARDED && end != BidStatus.EXPIRED) {
      throw new IllegalArgumentException("not an end: " + end);
    }
    advance(requestId, end);
  }

  /** Bids whose commitment was mined but not yet revealed: what a restarted node must reveal. */
  public List<SealedBid> pendingReveals() {
    return store.withStatus(node, BidStatus.COMMITTED).stream().map(Entry::bid).toList();
  }

  public BidStatus status(BigInteger requestId) {
    return store
        .find(node, requestId)
        .map(Entry::status)
        .orElseThrow(() -> new IllegalStateException("no bid on request " + requestId));
  }

  /**
   * Moves forward. A replay of a step already passed (COMMITTED or REVEALED seen again once the bid
   * went further on the normal path) is ignored; anything else out of order is refused.
   */
  private void advance(BigInteger requestId, BidStatus next) {
    BidStatus current = status(requestId);
    if (current.mayBecome(next)) {
      store.update(node, requestId, next);
      return;
    }
    boolean replay =
        current == next
            || (next.ordinal() <= BidStatus.REVEALED.ordinal()
                && next.ordinal() < current.ordinal()
                && current != BidStatus.EXPIRED);
    if (!replay) {
      throw new IllegalStateException(
          "bid on request " + requestId + " cannot go from " + current + " to " + next);
    }
  }
}
