package org.openvpp.node.outbox;

import java.math.BigInteger;

/**
 * EIP-1559 fees. A first attempt offers {@code baseFeeMultiplier × base fee + tip}; an attempt
 * without receipt after {@code stuckBlocks} blocks is replaced (same nonce) with both fees raised
 * by at least {@code bumpPercent} (nodes refuse replacements under +10 %) and at least the market
 * price. Never above {@code maxFeeCapWei}.
 *
 * @param tipWei priority fee of a first attempt
 * @param baseFeeMultiplier headroom over the latest base fee
 * @param bumpPercent raise per replacement, ≥ 10
 * @param stuckBlocks blocks without receipt before a replacement, ≥ 1
 * @param maxFeeCapWei the most the node ever offers per gas
 */
public record FeePolicy(
    BigInteger tipWei,
    int baseFeeMultiplier,
    int bumpPercent,
    int stuckBlocks,
    BigInteger maxFeeCapWei) {
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  public FeePolicy {
    if (tipWei.signum() < 0) {
      throw new IllegalArgumentException("tipWei must be >= 0");
    }
    if (baseFeeMultiplier < 1) {
      throw new IllegalArgumentException("baseFeeMultiplier must be >= 1");
    }
    if (bumpPercent < 10) {
      throw new IllegalArgumentException(
          "bumpPercent must be >= 10: nodes refuse replacements under +10 %");
    }
    if (stuckBlocks < 1) {
      throw new IllegalArgumentException("stuckBlocks must be >= 1");
    }
    if (maxFeeCapWei.compareTo(tipWei) < 0) {
      throw new IllegalArgumentException("maxFeeCapWei must be >= tipWei");
    }
  }

  /** 1 gwei tip, twice the base fee, +12.5 % per bump after 3 blocks, cap 500 gwei. */
  public static FeePolicy defaults() {
    return new FeePolicy(
        BigInteger.valueOf(1_000_000_000L), 2, 13, 3, BigInteger.valueOf(500_000_000_000L));
  }

  /** Fees of a first attempt at this base fee. */
  public Fees initial(BigInteger baseFee) {
    BigInteger max =
        baseFee.multiply(BigInteger.valueOf(baseFeeMultiplier)).add(tipWei).min(maxFeeCapWei);
    return new Fees(max, tipWei.min(max));
  }

  /**
   * Fees replacing {@code previous}: each raised by at least {@code bumpPercent} (rounded up) and
   * at least the market's; empty when the cap does not allow a valid replacement.
   */
  public java.util.Optional<Fees> bump(Fees previous, BigInteger baseFee) {
    Fees market = initial(baseFee);
    BigInteger max = raised(previous.maxFeeWei()).max(market.maxFeeWei());
    BigInteger tip = raised(previous.tipWei()).max(market.tipWei());
    if (max.compareTo(maxFeeCapWei) > 0 || tip.compareTo(max) > 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Fees(max, tip));
  }

  private BigInteger raised(BigInteger fee) {
    BigInteger scaled = fee.multiply(HUNDRED.add(BigInteger.valueOf(bumpPercent)));
    BigInteger[] qr = scaled.divideAndRemainder(HUNDRED);
    BigInteger up = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return up.max(fee.add(BigInteger.ONE)); // a zero tip still rises
  }

  /**
   * One attempt's fees per gas.
   *
   * @param maxFeeWei maxFeePerGas
   * @param tipWei maxPriorityFeePerGas
   */
  public record Fees(BigInteger maxFeeWei, BigInteger tipWei) {}
}
