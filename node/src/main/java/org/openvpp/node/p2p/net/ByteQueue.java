package org.openvpp.node.p2p.net;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.Optional;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.encoding.Varint;

/** Accumulates received bytes and cuts frames out of them (single-threaded, per channel). */
public final class ByteQueue {
  private byte[] data = new byte[4096];
  private int start;
  private int end;

  public void append(Buffer buffer) {
    int n = buffer.length();
    ensure(n);
    buffer.getBytes(0, n, data, end);
    end += n;
  }

  public void append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, data, end, bytes.length);
    end += bytes.length;
  }

  private void ensure(int more) {
    if (end + more <= data.length) {
      return;
    }
    int size = end - start;
    if (size + more <= data.length / 2) {
      System.arraycopy(data, start, data, 0, size);
    } else {
      data = Arrays.copyOfRange(data, start, start + Math.max(data.length * 2, size + more));
    }
    start = 0;
    end = size;
  }

  public int size() {
    return end - start;
  }

  public int peekByte(int index) {
    return data[start + index] & 0xFF;
  }

  /** Takes exactly {@code n} bytes, or empty when fewer are buffered. */
  public Optional<byte[]> take(int n) {
    if (size() < n) {
      return Optional.empty();
    }
    byte[] out = Arrays.copyOfRange(data, start, start + n);
    start += n;
    return Optional.of(out);
  }

  public byte[] takeAll() {
    return take(size()).orElseThrow();
  }

  /**
   * Takes one unsigned-varint length-prefixed frame, or empty when it is not complete yet.
   *
   * @throws ProtocolViolation when the prefix is malformed or announces more than {@code max}
   */
  public Optional<byte[]> takeLengthPrefixed(int max) {
    Optional<Varint.Decoded> len;
    try {
      len = Varint.decode(data, start, end);
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolation(RejectReason.MALFORMED_MESSAGE, e.getMessage());
    }
    if (len.isEmpty()) {
      return Optional.empty();
    }
    if (len.get().value() > max) {
      throw new ProtocolViolation(
          RejectReason.OVERSIZE_MESSAGE, "frame of " + len.get().value() + " > " + max);
    }
    int total = len.get().length() + (int) len.get().value();
    if (size() < total) {
      return Optional.empty();
    }
    start += len.get().length();
    return take((int) len.get().value());
  }

  /** Takes a frame with a 2-byte big-endian length prefix (Noise), or empty if incomplete. */
  public Optional<byte[]> takeUint16Prefixed() {
    if (size() < 2) {
      return Optional.empty();
    }
    int len = (peekByte(0) << 8) | peekByte(1);
    if (size() < 2 + len) {
      return Optional.empty();
    }
    start += 2;
    return take(len);
  }

  /** Receives a frame as a slice of the queue's array, valid only during the call. */
  @FunctionalInterface
  public interface SliceConsumer {
    void accept(byte[] array, int offset, int length);
  }

  /**
   * Hands the next complete 2-byte-length-prefixed frame to {@code consumer} in place (no copy),
   * then drops it; false when the frame is not complete yet.
   */
  public boolean consumeUint16Prefixed(SliceConsumer consumer) {
    if (size() < 2) {
      return false;
    }
    int len = (peekByte(0) << 8) | peekByte(1);
    if (size() < 2 + len) {
      return false;
    }
    int at = start + 2;
    start = at + len;
    consumer.accept(data, at, len);
    return true;
  }

  /** Drops {@code n} buffered bytes. */
  public void skip(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException("cannot skip " + n + " of " + size());
    }
    start += n;
  }

  /** Writes a varint length prefix and the payload. */
  public static Buffer lengthPrefixed(byte[] payload) {
    return Buffer.buffer(Varint.size(payload.length) + payload.length)
        .appendBytes(Varint.encode(payload.length))
        .appendBytes(payload);
  }
}
