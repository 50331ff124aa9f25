package org.openvpp.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class IntentTest {
  private static final String TARGET = "0x" + "ab".repeat(20);

  @Test
  void normalisesHexToLowerCase() {
    Intent i = new Intent("k", TARGET.toUpperCase().replace("0X", "0x"), "0xABCD", BigInteger.ONE);
    assertThat(i.target()).isEqualTo(TARGET);
    assertThat(i.calldata()).isEqualTo("0xabcd");
  }

  @Test
  void refusesMalformedTargetsCalldataValuesAndKeys() {
    assertRefused(() -> new Intent("k", "0x1234", "0x", BigInteger.ZERO), "target");
    assertRefused(() -> new Intent("k", TARGET + "00", "0x", BigInteger.ZERO), "target");
    assertRefused(() -> new Intent("k", null, "0x", BigInteger.ZERO), "target");
    assertRefused(() -> new Intent("k", TARGET, "0xabc", BigInteger.ZERO), "whole bytes");
    assertRefused(() -> new Intent("k", TARGET, "abcd", BigInteger.ZERO), "whole bytes");
    assertRefused(() -> new Intent("k", TARGET, "0xzz", BigInteger.ZERO), "whole bytes");
    assertRefused(
        () -> new Intent("k", TARGET, "0x" + "00".repeat(64 * 1024 + 1), BigInteger.ZERO),
        "longer than");
    assertRefused(() -> new Intent("k", TARGET, "0x", BigInteger.valueOf(-1)), ">= 0");
    assertRefused(() -> new Intent("", TARGET, "0x", BigInteger.ZERO), "key");
    assertRefused(() -> new Intent("a b", TARGET, "0x", BigInteger.ZERO), "key");
    assertRefused(() -> new Intent("x".repeat(201), TARGET, "0x", BigInteger.ZERO), "key");
  }

  @Test
  void acceptsTheLargestCalldataAndLongestKey() {
    assertThat(
            new Intent("x".repeat(200), TARGET, "0x" + "00".repeat(64 * 1024), BigInteger.ZERO)
                .calldata())
        .hasSize(2 + 128 * 1024);
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
