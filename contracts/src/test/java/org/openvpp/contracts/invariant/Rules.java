package org.openvpp.contracts.invariant;

import java.math.BigInteger;
import org.openvpp.contracts.settlement.SettlementWorld;

/**
 * The money rules of the market and settlement as the model computes them, written from
 * docs/market-and-settlement.md (not read from the contracts): escrow, payments, the attestor fee
 * and its split, contribution payments, slashes of nodes and attestors and their division between
 * the challenger and the requester (or the pool).
 */
final class Rules {
  static final BigInteger FLEX = BigInteger.TEN.pow(18);
  static final BigInteger WS_PER_KWH = BigInteger.valueOf(3_600_000);

  /** Bid deposit of the default market parameters. */
  static final BigInteger BID_DEPOSIT = FLEX.multiply(BigInteger.TEN);

  /** Performance bond per kWh offered (default market parameters). */
  static final BigInteger BOND_PER_KWH = FLEX.divide(BigInteger.TEN);

  /** Share of a forfeited bond credited to the requester; the rest goes to the treasury. */
  static final int REQUESTER_SHARE_BPS = 5_000;

  static final long SETTLEMENT_PERIOD_S = 7 * 86_400;
  static final BigInteger MINIMUM_STAKE = FLEX.multiply(BigInteger.valueOf(1_000));
  static final long UNBONDING_DELAY_S = 86_400;
  static final int QUORUM = SettlementWorld.parameters().quorum();

  /** How often a committee that reached no quorum may be redrawn before the submission expires. */
  static final int MAX_REDRAWS = 2;

  /** A seed block's hash is readable by the next 256 blocks only. */
  static final long BLOCKHASH_WINDOW = 256;

  private Rules() {}

  /** powerW × duration × price / 3,600,000, rounded up: the escrow of a request or award. */
  static BigInteger maxCost(long powerW, long duration, BigInteger price) {
    BigInteger num =
        BigInteger.valueOf(powerW).multiply(BigInteger.valueOf(duration)).multiply(price);
    return num.add(WS_PER_KWH).subtract(BigInteger.ONE).divide(WS_PER_KWH);
  }

  /** The performance bond of an offer or award of {@code powerW} over {@code duration}. */
  static BigInteger bond(long powerW, long duration) {
    return maxCost(powerW, duration, BOND_PER_KWH);
  }

  /**
   * Seconds of an award at awarded power that the bond forgives (default market parameters): the
   * readings of an honest delivery lie inside the window's edges.
   */
  static final long DELIVERY_GRACE_S = 150;

  /**
   * The part of a bond returned for {@code deliveredWh} of an award: the delivery plus awardedW ×
   * the grace, capped at the award, in proportion, rounded down; nothing for a delivery of 0 (no
   * evidence, or evidence voided as fraud).
   */
  static BigInteger bondReturned(BigInteger bond, long awardedW, long duration, long deliveredWh) {
    if (deliveredWh == 0) {
      return BigInteger.ZERO;
    }
    long awardedWs = awardedW * duration;
    long creditedWs = Math.min(deliveredWh * 3_600 + awardedW * DELIVERY_GRACE_S, awardedWs);
    return bond.multiply(BigInteger.valueOf(creditedWs)).divide(BigInteger.valueOf(awardedWs));
  }

  static BigInteger requesterShare(BigInteger forfeited) {
    return forfeited
        .multiply(BigInteger.valueOf(REQUESTER_SHARE_BPS))
        .divide(BigInteger.valueOf(10_000));
  }

  /** Delivered energy capped at the award, times the clearing price, rounded down. */
  static BigInteger payment(long awardedW, long duration, BigInteger price, long deliveredWh) {
    long ws = Math.min(deliveredWh * 3_600, awardedW * duration);
    return BigInteger.valueOf(ws).multiply(price).divide(WS_PER_KWH);
  }

  static BigInteger contributionPayment(long deliveredWh) {
    return BigInteger.valueOf(deliveredWh)
        .multiply(SettlementWorld.CONTRIBUTION_PRICE)
        .divide(BigInteger.valueOf(1_000));
  }

  static BigInteger fee(BigInteger payment) {
    return payment
        .multiply(BigInteger.valueOf(SettlementWorld.FEE_BPS))
        .divide(BigInteger.valueOf(10_000));
  }

  static BigInteger ownerShare(BigInteger payment) {
    return payment.subtract(fee(payment));
  }

  /** What the fraud slash takes from a node holding {@code held} (stake plus unbonding). */
  static BigInteger slash(BigInteger held) {
    return SettlementWorld.FRAUD_SLASH.min(held);
  }

  /** What the attestor slash takes from an attestor of a proven fraud holding {@code held}. */
  static BigInteger attestorSlash(BigInteger held) {
    return SettlementWorld.ATTESTOR_SLASH.min(held);
  }

  /**
   * The challenger's part of everything a proven fraud slashed (node and attestors together),
   * rounded down; the rest goes to the requester's credit, or back to the pool for an epoch.
   */
  static BigInteger challengerShare(BigInteger slashed) {
    return slashed
        .multiply(BigInteger.valueOf(SettlementWorld.CHALLENGER_SHARE_BPS))
        .divide(BigInteger.valueOf(10_000));
  }
}
