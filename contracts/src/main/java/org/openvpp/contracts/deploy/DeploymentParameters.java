package org.openvpp.contracts.deploy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deployment is configured with. Defaults suit a local network: a 1,000 FLEX minimum stake
 * and a one-day unbonding delay (tests move chain time forward instead of waiting), plus the market
 * and settlement parameters.
 */
public record DeploymentParameters(
    BigInteger minimumStake,
    long unbondingDelaySeconds,
    MarketParameters market,
    SettlementParameters settlement) {
  public static final BigInteger FLEX = BigInteger.TEN.pow(18);

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
    return new DeploymentParameters(minimumStake, unbondingDelaySeconds, market, settlement);
  }

  public DeploymentParameters withMarket(MarketParameters market) {
    return new DeploymentParameters(minimumStake, unbondingDelaySeconds, market, settlement);
  }

  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("minimumStake", minimumStake.toString());
    map.put("unbondingDelaySeconds", String.valueOf(unbondingDelaySeconds));
    map.putAll(market.asMap());
    map.putAll(settlement.asMap());
    return map;
  }
}
