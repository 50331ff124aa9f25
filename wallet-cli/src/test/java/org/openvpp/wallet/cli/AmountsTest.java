package org.openvpp.wallet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AmountsTest {
  @Test
  void parsesWholeAndDecimalFlexIntoBaseUnits() {
    assertThat(Amounts.parse("12", "amount"))
        .isEqualTo(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(12)));
    assertThat(Amounts.parse("12.5", "amount")).isEqualTo(new BigInteger("12500000000000000000"));
    assertThat(Amounts.parse("0.000000000000000001", "amount")).isEqualTo(BigInteger.ONE);
    assertThat(Amounts.parse(".5", "amount")).isEqualTo(new BigInteger("500000000000000000"));
  }

  @Test
  void rejectsAnythingThatIsNotAPlainPositiveNumber() {
    for (String bad : new String[] {"-1", "1.2.3", "abc", "1e3", "", " 1", "0", "0.0", "1,5"}) {
      assertThatThrownBy(() -> Amounts.parse(bad, "amount"))
          .as(bad)
          .isInstanceOfSatisfying(
              WalletException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }
  }

  @Test
  void rejectsMoreThanEighteenDecimalsInsteadOfRounding() {
    assertThatThrownBy(() -> Amounts.parse("0.0000000000000000001", "amount"))
        .hasMessageContaining("more than 18 decimals");
    assertThat(Amounts.parse("1.000000000000000000000", "amount"))
        .isEqualTo(BigInteger.TEN.pow(18));
  }

  @Test
  void formatsWithoutTrailingZeros() {
    assertThat(Amounts.format(new BigInteger("12500000000000000000"))).isEqualTo("12.5");
    assertThat(Amounts.format(BigInteger.ZERO)).isEqualTo("0");
    assertThat(Amounts.format(BigInteger.ONE)).isEqualTo("0.000000000000000001");
    assertThat(Amounts.format(BigInteger.TEN.pow(22))).isEqualTo("10000");
  }
}
