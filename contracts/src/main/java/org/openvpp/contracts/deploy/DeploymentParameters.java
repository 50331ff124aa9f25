package org.openvpp.contracts.deploy;

import java.math.BigInteger;
import java.util.Map;

/**
 * What a deployment is configured with. Defaults suit a local network: a 1,000 FLEX minimum stake
 * and a one-day unbonding delay (tests move chain time forward instead of waiting).
 */
public record DeploymentParameters(BigInteger minimumStake, long unbondingDelaySeconds) {
  public static final BigInteger FLEX = BigInteger.TEN.pow(18);

  public DeploymentParameters {
    if (minimumStake.signum() < 0 || unbondingDelaySeconds < 0) {
      throw new IllegalArgumentException("stake and unbonding delay must not be negative");
    }
  }

  public static DeploymentParameters defaults() {
    return new DeploymentParameters(FLEX.multiply(BigInteger.valueOf(1_000)), 86_400);
  }

  Map<String, String> asMap() {
    return Map.of(
        "minimumStake", minimumStake.toString(),
        "unbondingDelaySeconds", String.valueOf(unbondingDelaySeconds));
  }
}
