package org.openvpp.node.bids;

/** How far a sealed bid got (the node store's {@code bid.status}). */
public enum BidStatus {
  /** Salt drawn and stored, commitment not yet on chain. */
  SEALED,
  COMMITTED,
  REVEALED,
  AWARDED,
  NOT_AWARDED,
  /** Never revealed in time (its deposit is forfeited), or the request was cancelled. */
  EXPIRED;

  /** Whether the bid may move on to {@code next}: only forward, and never out of an end. */
  public boolean mayBecome(BidStatus next) {
    return switch (this) {
      case SEALED -> next == COMMITTED || next == EXPIRED;
      case COMMITTED -> next == REVEALED || next == EXPIRED;
      case REVEALED -> next == AWARDED || next == NOT_AWARDED || next == EXPIRED;
      case AWARDED, NOT_AWARDED, EXPIRED -> false;
    };
  }
}
