package org.openvpp.node.p2p.net;

import io.vertx.core.buffer.Buffer;

/** Two in-memory channels wired to each other; writes are delivered synchronously. */
public final class PipeChannel extends Channel {
  private PipeChannel peer;
  private boolean closed;
  private long written;

  public static PipeChannel[] pair() {
    PipeChannel a = new PipeChannel();
    PipeChannel b = new PipeChannel();
    a.peer = b;
    b.peer = a;
    return new PipeChannel[] {a, b};
  }

  /** Feeds bytes as if the remote had sent them. */
  public void inject(Buffer data) {
    deliver(data);
  }

  public long bytesWritten() {
    return written;
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void write(Buffer data) {
    if (!closed) {
      written += data.length();
      peer.deliver(data.copy());
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      peer.remoteEnded();
      remoteEnded();
    }
  }
}
