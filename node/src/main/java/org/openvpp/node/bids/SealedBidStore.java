package org.openvpp.node.bids;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.openvpp.contracts.market.SealedBid;

/**
 * Where a {@link SealedBidBook} keeps its bids: the node's database ({@link JdbcSealedBidStore},
 * table {@code bid}), or {@link InMemorySealedBidStore} in tests and drivers. Calls may block:
 * never on an event loop.
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

  /**
   * Moves the bid to {@code status}, durable when it returns.
   *
   * @throws IllegalStateException changing nothing, when there is no such bid or its status may not
   *     become {@code status} ({@link BidStatus#mayBecome}): the store enforces the order too, so a
   *     second writer cannot take a bid back
   */
  void update(String node, BigInteger requestId, BidStatus status);

  /** The node's bids in {@code status}, by request id, e.g. what to reveal after a restart. */
  List<Entry> withStatus(String node, BidStatus status);
}
