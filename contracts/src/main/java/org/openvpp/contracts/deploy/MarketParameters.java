package org.openvpp.contracts.deploy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.contracts.generated.FlexibilityCoordinator;

/**
 * FlexibilityCoordinator parameters. Every request keeps a copy of them from the moment it is
 * posted, so a later change never alters the rules of an open request.
 *
 * @param bidDeposit FLEX wei a bid commit locks (returned on reveal, forfeited to the requester if
 *     never revealed)
 * @param bondPerKWh FLEX wei of performance bond per kWh a node offers, locked at reveal; the part
 *     above the awarded energy returns at clearing, the rest in proportion to delivered energy
 * @param settlementPeriodSeconds how long after a delivery window awards can still be settled
 *     before the requester can take back the unpaid escrow; must exceed the settlement contract's
 *     evidence period plus its challenge window, and at most 30 days
 * @param requesterShareBps share of a forfeited bond credited to the requester, basis points; the
 *     rest goes to the treasury
 * @param minBidWindowSeconds shortest time a request may leave from posting to its bid deadline
 * @param minRevealWindowSeconds shortest time a request may leave from its bid deadline to its
 *     reveal deadline
 * @param deliveryGraceSeconds seconds of an award at awarded power that the bond forgives: the bond
 *     comes back in full when the measured delivery plus awardedW × this reaches the awarded energy
 *     (readings are taken inside the window's edges, so an honest full delivery measures short);
 *     the payment still follows the measured delivery; at most 15 minutes
 */
public record MarketParameters(
    BigInteger bidDeposit,
    BigInteger bondPerKWh,
    long settlementPeriodSeconds,
    int requesterShareBps,
    long minBidWindowSeconds,
    long minRevealWindowSeconds,
    long deliveryGraceSeconds) {
  /** The contract's upper bound of the settlement period. */
  public static final long MAX_SETTLEMENT_PERIOD_SECONDS = 30 * 86_400L;

  /** The contract's upper bound of the delivery grace. */
  public static final long MAX_DELIVERY_GRACE_SECONDS = 15 * 60L;

  /**
   * Default delivery grace: a device may read as rarely as every 60 s (docs/device-protocol.md
   * §5.1), so its first and last readings can each lie up to 60 s inside the window; 30 s more
   * absorb the whole-Wh registers (1 Wh per device for devices of at least 120 W).
   */
  public static final long DEFAULT_DELIVERY_GRACE_SECONDS = 150;

  /** The contract's upper bound of the minimum windows. */
  public static final long MAX_MIN_WINDOW_SECONDS = 7 * 86_400L;

  public MarketParameters {
    if (bidDeposit.signum() < 0 || bondPerKWh.signum() < 0) {
      throw new IllegalArgumentException("bid deposit and bond rate must be >= 0");
    }
    if (settlementPeriodSeconds <= 0 || settlementPeriodSeconds > MAX_SETTLEMENT_PERIOD_SECONDS) {
      throw new IllegalArgumentException("settlement period must be in (0, 30 days]");
    }
    if (requesterShareBps < 0 || requesterShareBps > 10_000) {
      throw new IllegalArgumentException("requester share must be in [0, 10000] bps");
    }
    if (minBidWindowSeconds <= 0
        || minBidWindowSeconds > MAX_MIN_WINDOW_SECONDS
        || minRevealWindowSeconds <= 0
        || minRevealWindowSeconds > MAX_MIN_WINDOW_SECONDS) {
      throw new IllegalArgumentException("minimum windows must be in [1 s, 7 days]");
    }
    if (deliveryGraceSeconds < 0 || deliveryGraceSeconds > MAX_DELIVERY_GRACE_SECONDS) {
      throw new IllegalArgumentException("delivery grace must be in [0 s, 15 min]");
    }
  }

  /**
   * For a local network: 10 FLEX deposit, a bond of 0.1 FLEX per kWh offered, seven days to settle,
   * half of a forfeited bond to the requester, one-minute minimum bid and reveal windows (short,
   * since tests move chain time; a public network wants windows of several blocks' worth of minutes
   * at least) and a delivery grace of {@link #DEFAULT_DELIVERY_GRACE_SECONDS}.
   */
  public static MarketParameters defaults() {
    return new MarketParameters(
        DeploymentParameters.FLEX.multiply(BigInteger.TEN),
        DeploymentParameters.FLEX.divide(BigInteger.TEN),
        7 * 86_400,
        5_000,
        60,
        60,
        DEFAULT_DELIVERY_GRACE_SECONDS);
  }

  public MarketParameters withSettlementPeriodSeconds(long seconds) {
    return new MarketParameters(
        bidDeposit,
        bondPerKWh,
        seconds,
        requesterShareBps,
        minBidWindowSeconds,
        minRevealWindowSeconds,
        deliveryGraceSeconds);
  }

  public MarketParameters withDeliveryGraceSeconds(long seconds) {
    return new MarketParameters(
        bidDeposit,
        bondPerKWh,
        settlementPeriodSeconds,
        requesterShareBps,
        minBidWindowSeconds,
        minRevealWindowSeconds,
        seconds);
  }

  public MarketParameters withBondPerKWh(BigInteger rate) {
    return new MarketParameters(
        bidDeposit,
        rate,
        settlementPeriodSeconds,
        requesterShareBps,
        minBidWindowSeconds,
        minRevealWindowSeconds,
        deliveryGraceSeconds);
  }

  /** The struct the coordinator's constructor and {@code setParameters} take. */
  public FlexibilityCoordinator.Parameters toContract() {
    return new FlexibilityCoordinator.Parameters(
        bidDeposit,
        bondPerKWh,
        BigInteger.valueOf(settlementPeriodSeconds),
        BigInteger.valueOf(requesterShareBps),
        BigInteger.valueOf(minBidWindowSeconds),
        BigInteger.valueOf(minRevealWindowSeconds),
        BigInteger.valueOf(deliveryGraceSeconds));
  }

  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("bidDeposit", bidDeposit.toString());
    map.put("bondPerKWh", bondPerKWh.toString());
    map.put("settlementPeriodSeconds", String.valueOf(settlementPeriodSeconds));
    map.put("requesterShareBps", String.valueOf(requesterShareBps));
    map.put("minBidWindowSeconds", String.valueOf(minBidWindowSeconds));
    map.put("minRevealWindowSeconds", String.valueOf(minRevealWindowSeconds));
    map.put("deliveryGraceSeconds", String.valueOf(deliveryGraceSeconds));
    return map;
  }
}
