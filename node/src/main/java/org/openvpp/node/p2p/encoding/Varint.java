package org.openvpp.node.p2p.encoding;

import java.io.ByteArrayOutputStream;
import java.util.OptionalLong;

/** Unsigned LEB128 varints as used by multiformats (at most 9 bytes, 63 bits). */
public final class Varint {
  /** Longest varint multiformats allow. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  public static byte[] encode(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
    write(out, value);
    return out.toByteArray();
  }

  public static void write(ByteArrayOutputStream out, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint must be non-negative: " + value);
    }
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  public static int size(long value) {
    int n = 1;
    long v = value >>> 7;
    while (v != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  /** A decoded varint and how many bytes it took. */
  public record Decoded(long value, int length) {}

  /**
   * Decodes a varint at {@code offset}; empty when the bytes end before the varint does.
   *
   * @throws IllegalArgumentException when the varint is longer than {@link #MAX_BYTES} or not
   *     minimally encoded
   */
  public static java.util.Optional<Decoded> decode(byte[] bytes, int offset, int limit) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= limit) {
        return java.util.Optional.empty();
      }
      int b = bytes[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new IllegalArgumentException("varint not minimally encoded");
        }
        return java.util.Optional.of(new Decoded(value, i + 1));
      }
    }
    throw new IllegalArgumentException("varint longer than " + MAX_BYTES + " bytes");
  }

  /** Decodes a complete varint from the start of {@code bytes}. */
  public static OptionalLong decodeFully(byte[] bytes) {
    return decode(bytes, 0, bytes.length)
        .filter(d -> d.length() == bytes.length)
        .map(d -> OptionalLong.of(d.value()))
        .orElse(OptionalLong.empty());
  }
}
