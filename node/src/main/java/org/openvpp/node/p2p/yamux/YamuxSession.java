package org.openvpp.node.p2p.yamux;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.net.Buffers;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.Channel;
import org.openvpp.node.p2p.net.ProtocolViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yamux ({@code /yamux/1.0.0}, hashicorp spec) over a secured channel: the dialer uses odd stream
 * ids, the listener even ones; 256 KiB initial windows; ping keep-alive; go-away on close or
 * protocol error. Runs on the connection's event loop only.
 */
public final class YamuxSession {
  public static final String PROTOCOL = "/yamux/1.0.0";

  /** The window every stream starts with, per the spec. */
  static final int INITIAL_WINDOW = 256 * 1024;

  /**
   * The receive window we grant each stream up front (extra credit rides on SYN/ACK): one window
   * round trip per 256 KiB would otherwise cap a stream far below the link.
   */
  static final int RECEIVE_WINDOW = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);
  private static final int GO_AWAY_NORMAL = 0;
  private static final int GO_AWAY_PROTOCOL_ERROR = 1;

  /** Limits of one session; a keep-alive ping unanswered for one period closes it. */
  public record Limits(int maxInboundStreams, long keepAliveMs) {}

  private final Vertx vertx;
  private final Channel channel;
  private final Limits limits;
  private final Consumer<RejectReason> onViolation;
  private final Map<Integer, YamuxStream> streams = new HashMap<>();
  private final Map<Long, Promise<Long>> pings = new HashMap<>();
  private final ByteQueue queue = new ByteQueue();
  private Consumer<YamuxStream> inboundHandler = YamuxStream::reset;
  private Runnable closeHandler = () -> {};
  private int nextId;
  private int inbound;
  private long pingId;
  private long keepAliveTimer;
  private boolean closed;

  public YamuxSession(
      Vertx vertx,
      Channel channel,
      boolean dialer,
      Limits limits,
      Consumer<RejectReason> onViolation) {
    this.vertx = vertx;
    this.channel = channel;
    this.limits = limits;
    this.onViolation = onViolation;
    this.nextId = dialer ? 1 : 2;
    channel.endHandler(() -> terminate(false, GO_AWAY_NORMAL));
    channel.handler(this::onBytes);
    if (limits.keepAliveMs() > 0) {
      keepAliveTimer = vertx.setPeriodic(limits.keepAliveMs(), t -> keepAlive());
    }
  }

  public void inboundHandler(Consumer<YamuxStream> handler) {
    this.inboundHandler = handler;
  }

  public void closeHandler(Runnable handler) {
    this.closeHandler = handler;
  }

  public boolean isClosed() {
    return closed;
  }

  public int openStreams() {
    return streams.size();
  }

  /** Opens a stream (SYN rides on a zero window update); data may follow at once. */
  public Optional<YamuxStream> openStream() {
    if (closed) {
      return Optional.empty();
    }
    YamuxStream s = new YamuxStream(this, nextId);
    streams.put(nextId, s);
    send(Frame.header(Frame.WINDOW_UPDATE, Frame.SYN, nextId, RECEIVE_WINDOW - INITIAL_WINDOW));
    nextId += 2;
    return Optional.of(s);
  }

  /** Round-trip time of a Yamux ping in nanoseconds. */
  public Future<Long> ping() {
    Promise<Long> p = Promise.promise();
    long id = ++pingId & 0xFFFFFFFFL;
    long start = System.nanoTime();
    pings.put(id, p);
    send(Frame.header(Frame.PING, Frame.SYN, 0, id));
    return p.future().map(v -> System.nanoTime() - start);
  }

  /** Go-away (normal) and close the connection. */
  public void close() {
    terminate(true, GO_AWAY_NORMAL);
  }

  void send(Buffer frame) {
    if (!closed) {
      channel.write(frame);
    }
  }

  void forget(int id) {
    if (streams.remove(id) != null && (id & 1) != (nextId & 1)) {
      inbound--;
    }
  }

  private void onBytes(Buffer data) {
    try {
      int used = queue.size() == 0 ? takeWholeFrames(data) : 0;
      if (used == data.length()) {
        return;
      }
      queue.append(used == 0 ? data : data.slice(used, data.length()));
      while (!closed && queue.size() >= Frame.HEADER) {
        Frame f = peekHeader(queue::peekByte);
        int payload = f.type() == Frame.DATA ? (int) f.length() : 0;
        if (queue.size() < Frame.HEADER + payload) {
          return;
        }
        queue.skip(Frame.HEADER);
        byte[] bytes = queue.take(payload).orElseThrow();
        dispatch(f, Buffers.wrap(bytes));
      }
    } catch (ProtocolViolation e) {
      LOG.debug("yamux violation: {}", e.getMessage());
      onViolation.accept(e.reason());
      terminate(true, GO_AWAY_PROTOCOL_ERROR);
    }
  }

  /**
   * Fast path while nothing is buffered: frames lying whole in {@code data} (the usual case, one
   * Yamux frame per Noise frame) are dispatched as slices of it, without copying.
   *
   * @return how many leading bytes of {@code data} were consumed
   */
  private int takeWholeFrames(Buffer data) {
    int at = 0;
    while (!closed && data.length() - at >= Frame.HEADER) {
      int base = at;
      Frame f = peekHeader(i -> data.getUnsignedByte(base + i));
      int payload = f.type() == Frame.DATA ? (int) f.length() : 0;
      if (data.length() - at < Frame.HEADER + payload) {
        break;
      }
      int from = at + Frame.HEADER;
      at = from + payload;
      dispatch(f, data.slice(from, at));
    }
    return closed ? data.length() : at;
  }

  private Frame peekHeader(IntUnaryOperator byteAt) {
    byte[] h = new byte[Frame.HEADER];
    for (int i = 0; i < Frame.HEADER; i++) {
      h[i] = (byte) byteAt.applyAsInt(i);
    }
    if (h[0] != 0 || h[1] < 0 || h[1] > Frame.GO_AWAY) {
      throw new ProtocolViolation(RejectReason.YAMUX_PROTOCOL_ERROR, "bad version or type");
    }
    long length = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(h, 8, 4).getInt());
    if (h[1] == Frame.DATA && length > INITIAL_WINDOW * 64L) {
      throw new ProtocolViolation(RejectReason.OVERSIZE_MESSAGE, "data frame " + length);
    }
    int flags = ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
    return new Frame(h[1], flags, java.nio.ByteBuffer.wrap(h, 4, 4).getInt(), length);
  }

  private void dispatch(Frame f, Buffer payload) {
    switch (f.type()) {
      case Frame.PING -> onPing(f);
      case Frame.GO_AWAY -> terminate(false, GO_AWAY_NORMAL);
      default -> onStreamFrame(f, payload);
    }
  }

  private void onPing(Frame f) {
    if (f.has(Frame.SYN)) {
      send(Frame.header(Frame.PING, Frame.ACK, 0, f.length()));
    } else {
      Optional.ofNullable(pings.remove(f.length())).ifPresent(p -> p.tryComplete(0L));
    }
  }

  private void onStreamFrame(Frame f, Buffer payload) {
    YamuxStream s = streams.get(f.streamId());
    if (f.has(Frame.SYN)) {
      s = acceptStream(f.streamId(), s);
      if (s == null) {
        return;
      }
    }
    if (s == null) {
      return; // late frame for a stream we already closed or reset
    }
    if (f.type() == Frame.DATA) {
      s.onData(f, payload);
    } else {
      s.onWindowUpdate(f);
    }
  }

  private YamuxStream acceptStream(int id, YamuxStream existing) {
    if (existing != null || id == 0 || (id & 1) == (nextId & 1)) {
      throw new ProtocolViolation(RejectReason.YAMUX_PROTOCOL_ERROR, "bad SYN stream id " + id);
    }
    if (inbound >= limits.maxInboundStreams()) {
      onViolation.accept(RejectReason.STREAM_FLOOD);
      send(Frame.header(Frame.WINDOW_UPDATE, Frame.RST, id, 0));
      return null;
    }
    YamuxStream s = new YamuxStream(this, id);
    streams.put(id, s);
    inbound++;
    send(Frame.header(Frame.WINDOW_UPDATE, Frame.ACK, id, RECEIVE_WINDOW - INITIAL_WINDOW));
    inboundHandler.accept(s);
    return s;
  }

  private void keepAlive() {
    if (pings.size() > 0) {
      LOG.debug("keep-alive ping unanswered; closing session");
      terminate(true, GO_AWAY_NORMAL);
      return;
    }
    ping();
  }

  private void terminate(boolean sendGoAway, int code) {
    if (closed) {
      return;
    }
    if (sendGoAway) {
      channel.write(Frame.header(Frame.GO_AWAY, 0, 0, code));
    }
    closed = true;
    vertx.cancelTimer(keepAliveTimer);
    new ArrayList<>(streams.values()).forEach(YamuxStream::onSessionClosed);
    streams.clear();
    pings.values().forEach(p -> p.tryFail("session closed"));
    pings.clear();
    channel.close();
    closeHandler.run();
  }
}
