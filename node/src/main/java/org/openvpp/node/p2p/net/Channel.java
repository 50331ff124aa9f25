package org.openvpp.node.p2p.net;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A duplex byte stream at one layer of the stack (TCP, Noise, a Yamux stream). Not thread-safe:
 * used only on its connection's event loop. Bytes arriving while no handler is set are kept, so a
 * layer can hand the channel (and unread leftovers) to the next one without losing data.
 */
public abstract class Channel {
  private final Deque<Buffer> pending = new ArrayDeque<>();
  private Consumer<Buffer> handler;
  private Runnable endHandler;
  private boolean ended;
  private boolean endFired;

  /** Sends bytes; silently dropped after close/reset. */
  public abstract void write(Buffer data);

  /** Graceful close of our sending side (and of the whole channel where there is no half-close). */
  public abstract void close();

  /** Abortive close. */
  public void reset() {
    close();
  }

  public final void handler(Consumer<Buffer> h) {
    this.handler = h;
    while (handler == h && h != null && !pending.isEmpty()) {
      Buffer next = pending.poll();
      h.accept(next);
      consumed(next.length());
    }
    fireEndIfDrained();
  }

  /**
   * Bytes a handler has taken. Flow-controlled channels return credit to the sender only here, so
   * bytes parked while no handler is set stay bounded by the window.
   */
  protected void consumed(int bytes) {}

  /** Called once the remote side finished sending (FIN, RST or connection loss). */
  public final void endHandler(Runnable h) {
    this.endHandler = h;
    fireEndIfDrained();
  }

  /** Gives back bytes a layer read past its end; the next handler sees them first. */
  public final void unread(byte[] bytes) {
    if (bytes.length > 0) {
      consumed(-bytes.length); // they were counted when first handed out; count them once
      pending.addFirst(Buffer.buffer(bytes));
      handler(handler);
    }
  }

  protected final void deliver(Buffer data) {
    if (handler != null && pending.isEmpty()) {
      handler.accept(data);
      consumed(data.length());
    } else {
      pending.add(data);
    }
  }

  protected final void remoteEnded() {
    ended = true;
    fireEndIfDrained();
  }

  public final boolean isRemoteEnded() {
    return ended;
  }

  private void fireEndIfDrained() {
    if (ended && !endFired && pending.isEmpty() && endHandler != null && handler != null) {
      endFired = true;
      endHandler.run();
    }
  }
}
