package org.openvpp.gateway.sunspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openvpp.gateway.adapter.FailureReason;

class WordsTest {
  @Test
  void decodesSignedUnsignedAccumulatorsAndStrings() throws Exception {
    Words w = new Words(new int[] {0xFFFE, 0x0012, 0x0001, 0x0002, 0x4142, 0x4300, 0xFFFF}, "t");
    assertThat(w.int16(0, "a")).isEqualTo(-2);
    assertThat(w.uint16(1, "b")).isEqualTo(18);
    assertThat(w.acc32(2, "c")).isEqualTo(65538);
    assertThat(w.string(4, 2)).isEqualTo("ABC");
    assertThat(w.sunssf(0, "sf")).isEqualTo(-2);
    assertThat(Words.scaled(1234, -2)).isEqualTo(12);
    assertThat(Words.scaled(12, 3)).isEqualTo(12_000);
  }

  @Test
  void sentinelsAreNotImplementedNeverValues() {
    Words w = new Words(new int[] {0x8000, 0xFFFF, 0x0000, 0x0000, 0x000B}, "m");
    assertReason(() -> w.int16(0, "W"), FailureReason.NOT_IMPLEMENTED);
    assertReason(() -> w.sunssf(0, "W_SF"), FailureReason.NOT_IMPLEMENTED);
    assertReason(() -> w.uint16(1, "ChaState"), FailureReason.NOT_IMPLEMENTED);
    assertReason(() -> w.acc32(2, "WH"), FailureReason.NOT_IMPLEMENTED);
    assertReason(() -> w.sunssf(4, "SF"), FailureReason.MALFORMED); // 11 is outside -10..10
  }

  private interface Read {
    Object run() throws SunSpecException;
  }

  private static void assertReason(Read r, FailureReason reason) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            SunSpecException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
