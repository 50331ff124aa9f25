package org.openvpp.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ColumnsTest {
  @Test
  void hexRoundTripsLowercaseWithPrefix() {
    byte[] bytes = {0, 1, (byte) 0xab, (byte) 0xff};
    assertThat(Columns.hex(bytes)).isEqualTo("0x0001abff");
    assertThat(Columns.bytes("0x0001abff")).containsExactly(bytes);
    assertThat(Columns.bytes("0x")).isEmpty();
  }

  @Test
  void malformedHexIsRefused() {
    for (String bad : new String[] {"0001", "0xABCD", "0xabc", "0xzz", null}) {
      assertThatThrownBy(() -> Columns.bytes(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void addressesAreStoredLowercase() {
    assertThat(Columns.address("0xAbCdEf0123456789aBcDeF0123456789AbCdEf01"))
        .isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
    for (String bad : new String[] {"0x12", "abcdef0123456789abcdef0123456789abcdef0101", null}) {
      assertThatThrownBy(() -> Columns.address(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void amountsAreUint256DecimalText() {
    assertThat(Columns.amount(BigInteger.ZERO)).isEqualTo("0");
    assertThat(Columns.amount(Columns.UINT256_MAX)).hasSize(78);
    assertThat(Columns.amountOf(Columns.UINT256_MAX.toString())).isEqualTo(Columns.UINT256_MAX);
    assertThatThrownBy(() -> Columns.amount(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Columns.amount(Columns.UINT256_MAX.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
    for (String bad :
        new String[] {
          "", "-1", "01", "1e3", " 1", Columns.UINT256_MAX.add(BigInteger.ONE) + "", null
        }) {
      assertThatThrownBy(() -> Columns.amountOf(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
