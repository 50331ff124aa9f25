package org.openvpp.contracts.deploy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deployment is configured with. Defaults suit a local network: a 1,000 FLEX minimum stake
 * and a one-day unbonding delay (tests move chain time forward instead of waiting), the market and
 * settlement parameters, a supply cap of one billion FLEX and a governance timelock without delay
 * (a local network and the tests change parameters at once; a real network uses {@link
 * #PRODUCTION_TIMELOCK_DELAY_SECONDS}).
 */
public record DeploymentParameters(
    BigInteger minimumStake,
    long unbondingDelaySeconds,
    MarketParameters market,
    SettlementParameters settlement,
    BigInteger supplyCap,
    long timelockDelaySeconds) {
  public static final BigInteger FLEX = BigInteger.TEN.pow(18);

  /** The FLEX supply cap unless configured otherwise: one billion FLEX. */
  public static final BigInteger DEFAULT_SUPPLY_CAP =
      FLEX.multiply(BigInteger.valueOf(1_000_000_000L));

  /**
   * The timelock delay of a real network (two days): long enough for nodes, requesters and owners
   * to see a scheduled change and leave before it applies.
   */
  public static final long PRODUCTION_TIMELOCK_DELAY_SECONDS = 2 * 86_400;

  /** NodeRegistry.MIN_UNBONDING_DELAY and MAX_UNBONDING_DELAY: the contract rejects the rest. */
  public static final long MIN_UNBONDING_DELAY_SECONDS = 3_600;

  public static final long MAX_UNBONDING_DELAY_SECONDS = 90 * 86_400;

  public DeploymentParameters {
    if (minimumStake.signum() <= 0) {
      throw new IllegalArgumentException("the minimum stake must be positive");
    }
    if (unbondingDelaySeconds < MIN_UNBONDING_DELAY_SECONDS
        || unbondingDelaySeconds > MAX_UNBONDING_DELAY_SECONDS) {
      throw new IllegalArgumentException(
          "the unbonding delay must lie between one hour and 90 days, not "
              + unbondingDelaySeconds
              + " s");
    }
    // Settlement refuses parameters under which an honest award could miss its settlement period.
    if (settlement.longestSettlementSeconds() >= market.settlementPeriodSeconds()) {
      throw new IllegalArgumentException(
          "evidence period + attestation timeout x 3 + challenge window must be below the"
              + " settlement period");
    }
    if (supplyCap.signum() <= 0 || timelockDelaySeconds < 0) {
      throw new IllegalArgumentException(
          "the supply cap must be positive and the timelock delay not negative");
    }
  }

  /** Registry, market and settlement parameters with the default cap and no timelock delay. */
  public DeploymentParameters(
      BigInteger minimumStake,
      long unbondingDelaySeconds,
      MarketParameters market,
      SettlementParameters settlement) {
    this(minimumStake, unbondingDelaySeconds, market, settlement, DEFAULT_SUPPLY_CAP, 0);
  }

  /** Registry parameters with the default market and settlement parameters. */
  public DeploymentParameters(BigInteger minimumStake, long unbondingDelaySeconds) {
    this(
        minimumStake,
        unbondingDelaySeconds,
        MarketParameters.defaults(),
        SettlementParameters.defaults());
  }

  public static DeploymentParameters defaults() {
    return new DeploymentParameters(FLEX.multiply(BigInteger.valueOf(1_000)), 86_400);
  }

  public DeploymentParameters withSettlement(SettlementParameters settlement) {
    return new DeploymentParameters(
        minimumStake, unbondingDelaySeconds, market, settlement, supplyCap, timelockDelaySeconds);
  }

  public DeploymentParameters withMarket(MarketParameters market) {
    return new DeploymentParameters(
        minimumStake, unbondingDelaySeconds, market, settlement, supplyCap, timelockDelaySeconds);
  }

  public DeploymentParameters withSupplyCap(BigInteger supplyCap) {
    return new DeploymentParameters(
        minimumStake, unbondingDelaySeconds, market, settlement, supplyCap, timelockDelaySeconds);
  }

  public DeploymentParameters withTimelockDelay(long timelockDelaySeconds) {
    return new DeploymentParameters(
        minimumStake, unbondingDelaySeconds, market, settlement, supplyCap, timelockDelaySeconds);
  }

  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("minimumStake", minimumStake.toString());
    map.put("unbondingDelaySeconds", String.valueOf(unbondingDelaySeconds));
    map.putAll(market.asMap());
    map.putAll(settlement.asMap());
    map.put("supplyCap", supplyCap.toString());
    map.put("timelockDelaySeconds", String.valueOf(timelockDelaySeconds));
    return map;
  }
}
