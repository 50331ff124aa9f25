package org.openvpp.gateway.sunspec;

import java.nio.charset.StandardCharsets;
import org.openvpp.gateway.adapter.FailureReason;

/**
 * A block of holding registers (unsigned 16-bit words) read from one SunSpec model, decoded by the
 * SunSpec rules: the "not implemented" sentinels (int16 0x8000, uint16 0xFFFF, acc32 0, sunssf
 * 0x8000) are refused with {@link FailureReason#NOT_IMPLEMENTED}, and scale factors outside −10 …
 * 10 with {@link FailureReason#MALFORMED}.
 */
final class Words {
  private final int[] words;
  private final String model;

  Words(int[] words, String model) {
    this.words = words;
    this.model = model;
  }

  int length() {
    return words.length;
  }

  int raw(int offset) {
    return words[offset];
  }

  int uint16(int offset, String point) throws SunSpecException {
    int v = words[offset];
    if (v == 0xFFFF) {
      throw notImplemented(point);
    }
    return v;
  }

  int int16(int offset, String point) throws SunSpecException {
    int v = (short) words[offset];
    if (v == Short.MIN_VALUE) {
      throw notImplemented(point);
    }
    return v;
  }

  long acc32(int offset, String point) throws SunSpecException {
    long v = ((long) words[offset] << 16) | words[offset + 1];
    if (v == 0) {
      throw notImplemented(point);
    }
    return v;
  }

  int sunssf(int offset, String point) throws SunSpecException {
    int v = (short) words[offset];
    if (v == Short.MIN_VALUE) {
      throw notImplemented(point);
    }
    if (v < -10 || v > 10) {
      throw new SunSpecException(
          FailureReason.MALFORMED,
          model + " " + point + ": scale factor " + v + " outside -10..10");
    }
    return v;
  }

  /** A SunSpec string: two ASCII characters per register, NUL-padded. */
  String string(int offset, int count) {
    byte[] b = new byte[count * 2];
    for (int i = 0; i < count; i++) {
      b[2 * i] = (byte) (words[offset + i] >> 8);
      b[2 * i + 1] = (byte) words[offset + i];
    }
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.US_ASCII).strip();
  }

  /** value × 10^sf, rounded to a long. */
  static long scaled(long value, int sf) {
    return Math.round(value * Math.pow(10, sf));
  }

  private SunSpecException notImplemented(String point) {
    return new SunSpecException(
        FailureReason.NOT_IMPLEMENTED, model + " " + point + " not implemented");
  }
}
