package org.openvpp.contracts.market;

import java.util.ArrayList;
import java.util.List;
import org.openvpp.contracts.generated.FlexibilityCoordinator;

/**
 * Reads a request's revealed offers from the chain and puts them in the merit order {@code
 * FlexibilityCoordinator.clear(requestId, order)} checks. The contract no longer sorts (so there is
 * no cap on bids); whoever clears supplies the order, and any other order reverts.
 */
public final class ClearingOrder {
  private ClearingOrder() {}

  /** The revealed offers of {@code requestId}, in reveal order. */
  public static List<Offer> revealedOffers(
      FlexibilityCoordinator coordinator, java.math.BigInteger requestId) throws Exception {
    List<Offer> offers = new ArrayList<>();
    for (Object bidder : coordinator.revealedBidders(requestId).send()) {
      String node = bidder.toString();
      FlexibilityCoordinator.Bid bid = coordinator.getBid(requestId, node).send();
      offers.add(
          new Offer(
              node, bid.powerW.longValueExact(), bid.pricePerKWh, bid.commitIndex.intValueExact()));
    }
    return offers;
  }

  /** The revealed bidders of {@code requestId} in merit order, read from the chain. */
  public static List<String> of(FlexibilityCoordinator coordinator, java.math.BigInteger requestId)
      throws Exception {
    return MeritOrder.order(revealedOffers(coordinator, requestId));
  }
}
