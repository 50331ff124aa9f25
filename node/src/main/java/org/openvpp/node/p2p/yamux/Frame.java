package org.openvpp.node.p2p.yamux;

import io.vertx.core.buffer.Buffer;

/** A Yamux frame header (12 bytes, big-endian): version 0, type, flags, stream id, length. */
record Frame(int type, int flags, int streamId, long length) {
  static final int HEADER = 12;
  static final int DATA = 0;
  static final int WINDOW_UPDATE = 1;
  static final int PING = 2;
  static final int GO_AWAY = 3;
  static final int SYN = 1;
  static final int ACK = 2;
  static final int FIN = 4;
  static final int RST = 8;

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  static Buffer header(int type, int flags, int streamId, long length) {
    return header(type, flags, streamId, length, 0);
  }

  /** A header in a buffer with room for {@code payloadRoom} more bytes. */
  static Buffer header(int type, int flags, int streamId, long length, int payloadRoom) {
    return Buffer.buffer(HEADER + payloadRoom)
        .appendByte((byte) 0)
        .appendByte((byte) type)
        .appendUnsignedShort(flags)
        .appendUnsignedInt(streamId)
        .appendUnsignedInt(length);
  }
}
