package org.openvpp.node.p2p.yamux;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.net.Channel;
import org.openvpp.node.p2p.net.ProtocolViolation;

/** One Yamux stream with credit-based flow control in both directions. */
public final class YamuxStream extends Channel {
  private static final int MAX_DATA_PER_FRAME = 65535 - 16 - Frame.HEADER;

  /**
   * Bytes queued beyond the send window at which {@link #writeQueueFull()} turns true; the same
   * high-water mark as a Vert.x/Netty socket's default write queue, so a writer pumping a stream
   * sees the same backpressure as one pumping a raw socket. Drains below half of it.
   */
  public static final int WRITE_QUEUE_HIGH_WATER = 64 * 1024;

  private final YamuxSession session;
  private final int id;
  private final Deque<Buffer> outbound = new ArrayDeque<>();
  private long sendWindow = YamuxSession.INITIAL_WINDOW;
  private long recvWindow = YamuxSession.RECEIVE_WINDOW;
  private long consumed;
  private long queuedBytes;
  private Runnable drainHandler;
  private boolean localClosed;
  private boolean finPending;
  private boolean reset;

  YamuxStream(YamuxSession session, int id) {
    this.session = session;
    this.id = id;
  }

  public int id() {
    return id;
  }

  /** True once either side reset the stream or the session died. */
  public boolean isReset() {
    return reset;
  }

  @Override
  public void write(Buffer data) {
    if (localClosed || reset || data.length() == 0) {
      return;
    }
    outbound.add(data);
    queuedBytes += data.length();
    flush();
  }

  /**
   * True while more than {@link #WRITE_QUEUE_HIGH_WATER} bytes wait for send window: a writer
   * should stop and resume from {@link #drainHandler}, or the queue grows without bound.
   */
  public boolean writeQueueFull() {
    return queuedBytes > WRITE_QUEUE_HIGH_WATER;
  }

  /** Called once after the queue drained below half the high-water mark (or the stream died). */
  public void drainHandler(Runnable handler) {
    this.drainHandler = handler;
  }

  @Override
  public void close() {
    if (localClosed || reset) {
      return;
    }
    localClosed = true;
    finPending = true;
    flush();
  }

  @Override
  public void reset() {
    if (!reset) {
      reset = true;
      clearOutbound();
      session.send(Frame.header(Frame.WINDOW_UPDATE, Frame.RST, id, 0));
      session.forget(id);
      remoteEnded();
    }
  }

  private void flush() {
    while (!outbound.isEmpty() && sendWindow > 0) {
      Buffer head = outbound.peek();
      int n = (int) Math.min(Math.min(sendWindow, head.length()), MAX_DATA_PER_FRAME);
      Buffer chunk = n == head.length() ? outbound.poll() : head.slice(0, n);
      if (n < head.length()) {
        outbound.poll();
        outbound.addFirst(head.getBuffer(n, head.length()));
      }
      sendWindow -= n;
      queuedBytes -= n;
      // header and payload in one buffer sized up front: one Noise frame, no regrowth
      session.send(Frame.header(Frame.DATA, 0, id, n, n).appendBuffer(chunk));
    }
    if (queuedBytes <= WRITE_QUEUE_HIGH_WATER / 2) {
      fireDrain();
    }
    if (finPending && outbound.isEmpty()) {
      finPending = false;
      session.send(Frame.header(Frame.DATA, Frame.FIN, id, 0));
      closeIfDone();
    }
  }

  /** {@code payload} is handed on as is: the session passes a buffer no one else holds. */
  void onData(Frame f, Buffer payload) {
    if (payload.length() > recvWindow) {
      throw new ProtocolViolation(RejectReason.YAMUX_PROTOCOL_ERROR, "window exceeded");
    }
    recvWindow -= payload.length();
    if (payload.length() > 0 && !isRemoteEnded()) {
      deliver(payload);
    }
    onFlags(f);
  }

  /** Returns credit once half the window has been taken by handlers. */
  @Override
  protected void consumed(int bytes) {
    consumed += bytes;
    if (consumed >= YamuxSession.RECEIVE_WINDOW / 2 && !reset) {
      session.send(Frame.header(Frame.WINDOW_UPDATE, 0, id, consumed));
      recvWindow += consumed;
      consumed = 0;
    }
  }

  void onWindowUpdate(Frame f) {
    sendWindow += f.length();
    onFlags(f);
    flush();
  }

  private void onFlags(Frame f) {
    if (f.has(Frame.RST)) {
      reset = true;
      clearOutbound();
      session.forget(id);
      remoteEnded();
    } else if (f.has(Frame.FIN)) {
      remoteEnded();
      closeIfDone();
    }
  }

  void onSessionClosed() {
    reset = true;
    clearOutbound();
    remoteEnded();
  }

  /** Queued bytes die with the stream; a waiting writer is released (its writes are dropped). */
  private void clearOutbound() {
    outbound.clear();
    queuedBytes = 0;
    fireDrain();
  }

  private void fireDrain() {
    Runnable h = drainHandler;
    if (h != null) {
      drainHandler = null;
      h.run();
    }
  }

  private void closeIfDone() {
    if (localClosed && isRemoteEnded() && !finPending) {
      session.forget(id);
    }
  }
}
