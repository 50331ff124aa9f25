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
 * contract.
 */
public final class MeritOrder {
  private MeritOrder() {}

  /** Awards in merit order (node to awarded W) and the uniform clearing price. */
  public record Result(Map<String, Long> awards, BigInteger clearingPrice, long awardedPowerW) {}

  public static Result clear(long requestedPowerW, List<Offer> offers) {
    List<Offer> sorted = new ArrayList<>(offers);
    sorted.sort(Comparator.comparing(Offer::pricePerKWh).thenComparingInt(Offer::commitIndex));
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
