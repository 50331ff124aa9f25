package org.openvpp.node.p2p.net;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;

/**
 * Zero-copy bridges between Vert.x buffers and arrays for the stream path. {@code
 * Buffer.buffer(byte[])} and {@code getBytes()} copy; at hundreds of MB/s those copies and
 * allocations showed up in the profile next to the cipher. Vert.x 4 marks the {@code ByteBuf}
 * accessors deprecated (they move to {@code BufferInternal} in Vert.x 5), so they are used here
 * only, in one place to change on upgrade.
 */
public final class Buffers {
  private Buffers() {}

  /** A buffer over {@code bytes} without copying: the caller must not touch the array again. */
  @SuppressWarnings("deprecation")
  public static Buffer wrap(byte[] bytes) {
    return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** A buffer over the first {@code length} bytes of {@code bytes}, without copying. */
  @SuppressWarnings("deprecation")
  public static Buffer wrap(byte[] bytes, int length) {
    return Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
  }

  /**
   * A view of the buffer's bytes (a copy only for non-contiguous buffers). Not read-only on
   * purpose: the JDK cipher reads a heap buffer's array directly but copies a read-only one in
   * chunks first. Callers only read it.
   */
  @SuppressWarnings("deprecation")
  public static ByteBuffer view(Buffer buffer) {
    return buffer.getByteBuf().nioBuffer();
  }
}
