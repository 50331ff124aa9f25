package org.openvpp.node.bids;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openvpp.contracts.market.SealedBid;

/**
 * Where a {@link SealedBidBook} keeps its bids: the node's database (table {@code bid}), or {@link
 * InMemorySealedBidStore} in tests and drivers. Calls may block: never on an event loop.
 */
public interface SealedBidStore {
  /** A bid and how far it got. */
  record Entry(SealedBid bid, BidStatus status) {}

  /**
   * Stores a new bid as {@link BidStatus#SEALED}; durable when it returns.
   *
   * @return false, storing nothing, when the node already has a bid on that request
   */
  boolean insert(SealedBid bid);

  Optional<Entry> find(String node, BigInteger requestId);

  void update(String node, BigInteger requestId, BidStatus status);

  /** The node's bids in {@code status}, e.g. what is still to reveal after a restart. */
  List<Entry> withStatus(String node, BidStatus status);
}
