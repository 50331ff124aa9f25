package org.openvpp.wallet.cli;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * FLEX and ETH amounts as users type and read them: decimal whole-token numbers ({@code 12.5}),
 * held on-chain as integers with 18 decimals. Parsing is strict: a typo must never send a different
 * amount.
 */
public final class Amounts {
  public static final int DECIMALS = 18;
  private static final BigDecimal UNIT = BigDecimal.TEN.pow(DECIMALS);

  private Amounts() {}

  /** Parses a positive amount like {@code 12}, {@code 0.5}; base units (10⁻¹⁸) are the limit. */
  public static BigInteger parse(String text, String what) {
    BigDecimal value;
    try {
      if (text == null || !text.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
        throw new NumberFormatException();
      }
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw WalletException.usage(
          "malformed " + what + " '" + text + "': give a positive number like 12 or 12.5");
    }
    if (value.stripTrailingZeros().scale() > DECIMALS) {
      throw WalletException.usage(
          what + " '" + text + "' has more than " + DECIMALS + " decimals: round it");
    }
    if (value.signum() <= 0) {
      throw WalletException.usage(what + " must be more than 0, got '" + text + "'");
    }
    return value.multiply(UNIT).toBigIntegerExact();
  }

  /** Renders base units as a plain decimal without trailing zeros ({@code 12.5}, {@code 0}). */
  public static String format(BigInteger baseUnits) {
    BigDecimal value = new BigDecimal(baseUnits).divide(UNIT).stripTrailingZeros();
    return value.signum() == 0 ? "0" : value.toPlainString();
  }
}
