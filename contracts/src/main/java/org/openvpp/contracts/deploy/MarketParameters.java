package org.openvpp.contracts.deploy;

import java.math.BigInteger;
import java.util.Map;

/**
 * FlexibilityCoordinator parameters.
 *
 * @param bidDeposit FLEX wei a bid commit locks (returned on reveal, forfeited to the requester if
 *     never revealed)
 * @param settlementPeriodSeconds how long after a delivery window awards can still be settled
 *     before the requester can take back the unpaid escrow; must exceed the settlement contract's
 *     evidence period plus its challenge window
 */
public record MarketParameters(BigInteger bidDeposit, long settlementPeriodSeconds) {
  public MarketParameters {
    if (bidDeposit.signum() < 0 || settlementPeriodSeconds <= 0) {
      throw new IllegalArgumentException("bid deposit must be >= 0 and settlement period > 0");
    }
  }

  /** 10 FLEX deposit, seven days to settle. */
  public static MarketParameters defaults() {
    return new MarketParameters(DeploymentParameters.FLEX.multiply(BigInteger.TEN), 7 * 86_400);
  }

  Map<String, String> asMap() {
    return Map.of(
        "bidDeposit", bidDeposit.toString(),
        "settlementPeriodSeconds", String.valueOf(settlementPeriodSeconds));
  }
}
