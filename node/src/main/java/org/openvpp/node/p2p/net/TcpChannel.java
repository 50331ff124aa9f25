package org.openvpp.node.p2p.net;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** The raw TCP socket as a {@link Channel}. */
public final class TcpChannel extends Channel {
  private final NetSocket socket;
  private boolean closed;

  public TcpChannel(NetSocket socket) {
    this.socket = socket;
    socket.handler(this::deliver);
    socket.closeHandler(
        v -> {
          closed = true;
          remoteEnded();
        });
    socket.exceptionHandler(e -> socket.close());
  }

  public NetSocket socket() {
    return socket;
  }

  @Override
  public void write(Buffer data) {
    if (!closed) {
      socket.write(data);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      socket.close();
    }
  }
}
