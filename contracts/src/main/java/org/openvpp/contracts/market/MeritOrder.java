package org.openvpp.contracts.market;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clearing rule of FlexibilityCoordinator.clear, in Java: offers by price, then commit order;
 * accept until the requested power is covered, the last one possibly in part; every award is paid
 * the price of the last accepted offer. Nodes use it to predict outcomes and tests to check the
 * contract; {@link #order} is the order {@code clear} takes from its caller.
 */
public final class MeritOrder {
  private MeritOrder() {}

  /** Awards in merit order (node to awarded W) and the uniform clearing price. */
  public record Result(Map<String, Long> awards, BigInteger clearingPrice, long awardedPowerW) {}

  /** By price, then commit index: the contract's key (price, commit index), strictly increasing. */
  public static final Comparator<Offer> MERIT =
      Comparator.comparing(Offer::pricePerKWh).thenComparingInt(Offer::commitIndex);

  /** The nodes of {@code offers} in merit order, as {@code FlexibilityCoordinator.clear} wants. */
  public static List<String> order(List<Offer> offers) {
    return offers.stream().sorted(MERIT).map(Offer::node).toList();
  }

  public static Result clear(long requestedPowerW, List<Offer> offers) {
    List<Offer> sorted = new ArrayList<>(offers);
    sorted.sort(MERIT);
    Map<String, Long> awards = new LinkedHashMap<>();
    long remaining = requestedPowerW;
    BigInteger price = BigInteger.ZERO;
    for (Offer offer : sorted) {
      if (remaining == 0) {
        break;
      }
      long take = Math.min(offer.powerW(), remaining);
      awards.put(offer.node(), take);
      remaining -= take;
      price = offer.pricePerKWh();
    }
    return new Result(awards, price, requestedPowerW - remaining);
  }
}
