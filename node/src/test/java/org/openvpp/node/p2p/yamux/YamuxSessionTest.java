package org.openvpp.node.p2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.net.PipeChannel;

class YamuxSessionTest {
  private static final YamuxSession.Limits LIMITS = new YamuxSession.Limits(8, 0);
  private final Vertx vertx = Vertx.vertx();
  private final List<RejectReason> violations = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private YamuxSession[] sessions(PipeChannel[] pipe) {
    return new YamuxSession[] {
      new YamuxSession(vertx, pipe[0], true, LIMITS, violations::add),
      new YamuxSession(vertx, pipe[1], false, LIMITS, violations::add)
    };
  }

  @Test
  void streamsCarryDataBothWaysAndHalfClose() {
    YamuxSession[] s = sessions(PipeChannel.pair());
    List<YamuxStream> accepted = new ArrayList<>();
    s[1].inboundHandler(accepted::add);
    YamuxStream out = s[0].openStream().orElseThrow();
    assertThat(out.id()).isOdd();
    StringBuilder atServer = new StringBuilder();
    AtomicBoolean serverSawEnd = new AtomicBoolean();
    out.write(Buffer.buffer("hello"));
    YamuxStream in = accepted.get(0);
    in.handler(b -> atServer.append(b));
    in.endHandler(() -> serverSawEnd.set(true));
    out.close();
    assertThat(atServer.toString()).isEqualTo("hello");
    assertThat(serverSawEnd).isTrue();

    StringBuilder atClient = new StringBuilder();
    out.handler(b -> atClient.append(b));
    in.write(Buffer.buffer("world"));
    assertThat(atClient.toString()).isEqualTo("world");
    assertThat(violations).isEmpty();
  }

  @Test
  void aSenderStopsAtTheReceiveWindowUntilTheReceiverGrantsMore() {
    PipeChannel[] pipe = PipeChannel.pair();
    YamuxSession client = new YamuxSession(vertx, pipe[0], true, LIMITS, violations::add);
    AtomicLong seenByRawPeer = new AtomicLong();
    pipe[1].handler(b -> seenByRawPeer.addAndGet(b.length()));
    YamuxStream out = client.openStream().orElseThrow();
    out.write(Buffer.buffer(new byte[1_000_000])); // beyond the 256 KiB the raw peer allows
    long headers = seenByRawPeer.get() - YamuxSession.INITIAL_WINDOW;
    assertThat(headers).isBetween(0L, 12L * 10);

    // The raw peer grants 100 000 more bytes: exactly that much more data flows.
    pipe[1].write(frame(1, 0, out.id(), 100_000));
    assertThat(seenByRawPeer.get() - headers - 12L * 2)
        .isBetween(
            (long) YamuxSession.INITIAL_WINDOW + 100_000 - 24,
            (long) YamuxSession.INITIAL_WINDOW + 100_000);
  }

  @Test
  void aWriterSeesTheQueueFullBeyondTheWindowAndIsToldWhenItDrains() {
    PipeChannel[] pipe = PipeChannel.pair();
    YamuxSession client = new YamuxSession(vertx, pipe[0], true, LIMITS, violations::add);
    pipe[1].handler(b -> {});
    YamuxStream out = client.openStream().orElseThrow();
    AtomicLong drains = new AtomicLong();
    out.write(Buffer.buffer(new byte[YamuxSession.INITIAL_WINDOW])); // fills the send window
    assertThat(out.writeQueueFull()).isFalse();
    out.write(Buffer.buffer(new byte[2 * YamuxStream.WRITE_QUEUE_HIGH_WATER]));
    assertThat(out.writeQueueFull()).isTrue();
    out.drainHandler(drains::incrementAndGet);

    pipe[1].write(frame(1, 0, out.id(), 1_000)); // not enough credit to drain
    assertThat(out.writeQueueFull()).isTrue();
    assertThat(drains.get()).isZero();
    pipe[1].write(frame(1, 0, out.id(), 2 * YamuxStream.WRITE_QUEUE_HIGH_WATER));
    assertThat(out.writeQueueFull()).isFalse();
    assertThat(drains.get()).isEqualTo(1);
  }

  @Test
  void framesCoalescedIntoOneBufferOrSplitAcrossBuffersArriveIntact() {
    PipeChannel[] pipe = PipeChannel.pair();
    YamuxSession server = new YamuxSession(vertx, pipe[1], false, LIMITS, violations::add);
    List<YamuxStream> accepted = new ArrayList<>();
    server.inboundHandler(accepted::add);
    pipe[0].handler(b -> {});
    StringBuilder got = new StringBuilder();
    Buffer wire =
        frame(1, 1, 1, 0)
            .appendBuffer(frame(0, 0, 1, 5))
            .appendString("hello")
            .appendBuffer(frame(0, 0, 1, 6))
            .appendString(" world")
            .appendBuffer(frame(0, 0, 1, 3))
            .appendString("!!!");
    int firstCut = 12 + 12 + 5 + 7; // inside the second data frame's header
    pipe[0].write(wire.getBuffer(0, firstCut)); // SYN and one whole frame, then a partial header
    accepted.get(0).handler(b -> got.append(b));
    assertThat(got.toString()).isEqualTo("hello");
    pipe[0].write(wire.getBuffer(firstCut, wire.length() - 2)); // ends inside the last payload
    assertThat(got.toString()).isEqualTo("hello world");
    pipe[0].write(wire.getBuffer(wire.length() - 2, wire.length()));
    assertThat(got.toString()).isEqualTo("hello world!!!");
    assertThat(violations).isEmpty();
  }

  @Test
  void bytesNoHandlerTookAreNotCreditedBack() {
    PipeChannel[] pipe = PipeChannel.pair();
    YamuxSession server = new YamuxSession(vertx, pipe[1], false, LIMITS, violations::add);
    List<YamuxStream> accepted = new ArrayList<>();
    server.inboundHandler(accepted::add);
    AtomicLong windowUpdates = new AtomicLong();
    pipe[0].handler(
        b -> {
          if (b.getByte(1) == 1 && (b.getUnsignedShort(2) & 2) == 0) {
            windowUpdates.incrementAndGet();
          }
        });
    pipe[0].write(frame(1, 1, 1, 0)); // open stream 1 (SYN), no handler on our side yet
    for (int i = 0; i < YamuxSession.RECEIVE_WINDOW / 65_536; i++) {
      pipe[0].write(frame(0, 0, 1, 65_536).appendBytes(new byte[65_536]));
    }
    assertThat(windowUpdates.get()).isZero();
    accepted.get(0).handler(b -> {});
    assertThat(windowUpdates.get()).isEqualTo(2);
  }

  @Test
  void pingIsAnsweredByThePeerSession() throws Exception {
    YamuxSession[] s = sessions(PipeChannel.pair());
    long rtt = s[0].ping().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(rtt).isPositive();
  }

  @Test
  void goAwayClosesThePeerSessionAndEndsItsStreams() {
    YamuxSession[] s = sessions(PipeChannel.pair());
    List<YamuxStream> accepted = new ArrayList<>();
    s[1].inboundHandler(accepted::add);
    YamuxStream out = s[0].openStream().orElseThrow();
    out.write(Buffer.buffer("x"));
    AtomicBoolean ended = new AtomicBoolean();
    accepted.get(0).handler(b -> {});
    accepted.get(0).endHandler(() -> ended.set(true));
    s[0].close();
    assertThat(s[1].isClosed()).isTrue();
    assertThat(ended).isTrue();
    assertThat(s[0].openStream()).isEmpty();
  }

  @Test
  void resetEndsTheStreamOnBothSides() {
    YamuxSession[] s = sessions(PipeChannel.pair());
    List<YamuxStream> accepted = new ArrayList<>();
    s[1].inboundHandler(accepted::add);
    YamuxStream out = s[0].openStream().orElseThrow();
    AtomicBoolean ended = new AtomicBoolean();
    accepted.get(0).handler(b -> {});
    accepted.get(0).endHandler(() -> ended.set(true));
    out.reset();
    assertThat(ended).isTrue();
    assertThat(s[0].openStreams()).isZero();
    assertThat(s[1].openStreams()).isZero();
  }

  @Test
  void inboundStreamsBeyondTheLimitAreResetAndCounted() {
    YamuxSession[] s = sessions(PipeChannel.pair());
    List<YamuxStream> accepted = new ArrayList<>();
    s[1].inboundHandler(accepted::add);
    for (int i = 0; i < 10; i++) {
      s[0].openStream();
    }
    assertThat(accepted).hasSize(8);
    assertThat(violations).containsOnly(RejectReason.STREAM_FLOOD).hasSize(2);
  }

  @Test
  void anUnansweredKeepAliveClosesTheSession() throws Exception {
    PipeChannel[] pipe = PipeChannel.pair();
    pipe[1].handler(b -> {}); // a peer that never answers pings
    YamuxSession s =
        new YamuxSession(vertx, pipe[0], true, new YamuxSession.Limits(8, 50), violations::add);
    Await.until(Duration.ofSeconds(10), s::isClosed, "the session closed after a missed pong");
  }

  private static Buffer frame(int type, int flags, int id, long length) {
    return Frame.header(type, flags, id, length);
  }
}
