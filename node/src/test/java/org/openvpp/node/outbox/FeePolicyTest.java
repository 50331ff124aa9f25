package org.openvpp.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeePolicyTest {
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  @Test
  void offersTheBaseFeeTimesTheMultiplierPlusTheTip() {
    FeePolicy.Fees fees = FeePolicy.defaults().initial(GWEI.multiply(BigInteger.TEN));
    assertThat(fees.maxFeeWei()).isEqualTo(GWEI.multiply(BigInteger.valueOf(21)));
    assertThat(fees.tipWei()).isEqualTo(GWEI);
  }

  @Test
  void aReplacementRaisesBothFeesByAtLeastTheBumpRoundedUp() {
    FeePolicy policy = new FeePolicy(BigInteger.valueOf(7), 1, 10, 1, GWEI);
    FeePolicy.Fees bumped =
        policy
            .bump(
                new FeePolicy.Fees(BigInteger.valueOf(101), BigInteger.valueOf(7)), BigInteger.ONE)
            .orElseThrow();
    assertThat(bumped.maxFeeWei()).isEqualTo(BigInteger.valueOf(112)); // 111.1 rounded up
    assertThat(bumped.tipWei()).isEqualTo(BigInteger.valueOf(8)); // 7.7 rounded up
  }

  @Test
  void aZeroTipStillRisesAndTheMarketWinsWhenHigher() {
    FeePolicy policy = new FeePolicy(BigInteger.ZERO, 2, 10, 1, GWEI);
    FeePolicy.Fees bumped =
        policy
            .bump(new FeePolicy.Fees(BigInteger.TEN, BigInteger.ZERO), BigInteger.valueOf(1_000))
            .orElseThrow();
    assertThat(bumped.tipWei()).isEqualTo(BigInteger.ONE);
    assertThat(bumped.maxFeeWei()).isEqualTo(BigInteger.valueOf(2_000));
  }

  @Test
  void noReplacementAboveTheCap() {
    FeePolicy policy = new FeePolicy(BigInteger.ONE, 1, 10, 1, BigInteger.valueOf(105));
    assertThat(
            policy.bump(
                new FeePolicy.Fees(BigInteger.valueOf(100), BigInteger.ONE), BigInteger.ONE))
        .isEmpty();
    assertThat(policy.initial(BigInteger.valueOf(1_000)).maxFeeWei())
        .isEqualTo(BigInteger.valueOf(105));
  }

  @Test
  void refusesBumpsUnderTenPercentAndOtherNonsense() {
    assertThatThrownBy(() -> new FeePolicy(BigInteger.ONE, 1, 9, 1, GWEI))
        .hasMessageContaining("10");
    assertThatThrownBy(() -> new FeePolicy(BigInteger.ONE, 0, 10, 1, GWEI))
        .hasMessageContaining("baseFeeMultiplier");
    assertThatThrownBy(() -> new FeePolicy(BigInteger.ONE, 1, 10, 0, GWEI))
        .hasMessageContaining("stuckBlocks");
    assertThatThrownBy(() -> new FeePolicy(BigInteger.valueOf(-1), 1, 10, 1, GWEI))
        .hasMessageContaining("tipWei");
    assertThatThrownBy(() -> new FeePolicy(GWEI, 1, 10, 1, BigInteger.ONE))
        .hasMessageContaining("maxFeeCapWei");
  }
}
