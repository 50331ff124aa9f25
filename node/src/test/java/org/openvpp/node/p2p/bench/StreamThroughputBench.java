package org.openvpp.node.p2p.bench;

import static org.openvpp.node.p2p.bench.GossipLatencyBench.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.HostConfig;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.net.TcpSocketOptions;
import org.openvpp.node.p2p.yamux.YamuxStream;

/**
 * Bytes per second through one Noise+Yamux stream versus a raw Vert.x TCP socket, both on loopback
 * in the same process, like for like: the same socket options ({@link TcpSocketOptions}), the same
 * pump (write until the queue is full, resume on drain, 64 KiB high-water mark on both), the same
 * chunks, the clock started at the first write and stopped when the receiver's one-byte answer
 * arrives. The receiver checks the byte count and the content pattern (a lost, repeated or
 * reordered chunk fails the run).
 */
final class StreamThroughputBench {
  private static final String SINK = "/bench/sink/1.0.0";
  static final int CHUNK = 60 * 1024;
  private final long totalBytes;
  private final Buffer chunk;

  /** Rounds {@code totalBytes} up to whole chunks so both sides agree on the end. */
  StreamThroughputBench(long totalBytes) {
    this.totalBytes = (totalBytes + CHUNK - 1) / CHUNK * CHUNK;
    byte[] pattern = new byte[CHUNK];
    new Random(7).nextBytes(pattern);
    this.chunk = Buffer.buffer(pattern);
  }

  long totalBytes() {
    return totalBytes;
  }

  /** What both paths write to: a Vert.x socket or a Yamux stream. */
  private interface Sink {
    void write(Buffer data);

    boolean writeQueueFull();

    void drainHandler(Runnable onDrain);
  }

  double libp2pMBps(Vertx vertx) {
    Libp2pHost receiver = host(vertx);
    Libp2pHost sender = host(vertx);
    try {
      receiver.handle(SINK, (c, stream) -> stream.handler(new Counter(stream::write)));
      Connection c = await(sender.dial(receiver.listenAddress().withPeerId(receiver.peerId())));
      long[] start = new long[1];
      await(
          sender.onContext(
              () ->
                  c.openStream(List.of(SINK))
                      .compose(
                          s -> {
                            start[0] = System.nanoTime();
                            return send(sink(s.stream()), s.stream()::handler);
                          })));
      return mbps(System.nanoTime() - start[0]);
    } finally {
      await(sender.stop());
      await(receiver.stop());
    }
  }

  double rawTcpMBps(Vertx vertx) {
    NetServer server =
        vertx
            .createNetServer(TcpSocketOptions.server())
            .connectHandler(s -> s.handler(new Counter(s::write)::accept));
    await(server.listen(0, "127.0.0.1"));
    try {
      long[] start = new long[1];
      NetSocket[] client = new NetSocket[1];
      await(
          vertx
              .createNetClient(TcpSocketOptions.client())
              .connect(server.actualPort(), "127.0.0.1")
              .compose(
                  socket -> {
                    client[0] = socket;
                    start[0] = System.nanoTime();
                    return send(sink(socket), h -> socket.handler(h::accept));
                  }));
      double result = mbps(System.nanoTime() - start[0]);
      client[0].close();
      return result;
    } finally {
      await(server.close());
    }
  }

  /** Pumps every chunk with backpressure; completes on the receiver's answer. */
  private Future<Void> send(Sink sink, Consumer<Consumer<Buffer>> answers) {
    Promise<Void> answered = Promise.promise();
    answers.accept(
        b -> {
          if (b.length() == 1 && b.getByte(0) == 1) {
            answered.tryComplete();
          } else {
            answered.tryFail("receiver answered " + b);
          }
        });
    pump(sink, new long[1]);
    return answered.future();
  }

  private void pump(Sink sink, long[] sent) {
    while (sent[0] < totalBytes && !sink.writeQueueFull()) {
      sink.write(chunk);
      sent[0] += CHUNK;
    }
    if (sent[0] < totalBytes) {
      sink.drainHandler(() -> pump(sink, sent));
    }
  }

  /** Counts and spot-checks the bytes, answers one byte once all arrived. */
  private final class Counter implements Consumer<Buffer> {
    private final Consumer<Buffer> reply;
    private long got;
    private boolean failed;

    Counter(Consumer<Buffer> reply) {
      this.reply = reply;
    }

    @Override
    public void accept(Buffer b) {
      if (failed) {
        return;
      }
      int first = (int) (got % CHUNK);
      int lastAt = (int) ((got + b.length() - 1) % CHUNK);
      got += b.length();
      if (got > totalBytes
          || b.getByte(0) != chunk.getByte(first)
          || b.getByte(b.length() - 1) != chunk.getByte(lastAt)) {
        failed = true;
        reply.accept(Buffer.buffer("bad bytes at " + got));
      } else if (got == totalBytes) {
        reply.accept(Buffer.buffer(new byte[] {1}));
      }
    }
  }

  private static Sink sink(NetSocket socket) {
    return new Sink() {
      @Override
      public void write(Buffer data) {
        socket.write(data);
      }

      @Override
      public boolean writeQueueFull() {
        return socket.writeQueueFull();
      }

      @Override
      public void drainHandler(Runnable onDrain) {
        socket.drainHandler(v -> onDrain.run());
      }
    };
  }

  private static Sink sink(YamuxStream stream) {
    return new Sink() {
      @Override
      public void write(Buffer data) {
        stream.write(data);
      }

      @Override
      public boolean writeQueueFull() {
        return stream.writeQueueFull();
      }

      @Override
      public void drainHandler(Runnable onDrain) {
        stream.drainHandler(onDrain);
      }
    };
  }

  private double mbps(long nanos) {
    return totalBytes / 1e6 / (nanos / 1e9);
  }

  private static Libp2pHost host(Vertx vertx) {
    Libp2pHost h =
        new Libp2pHost(vertx, HostConfig.builder(Ed25519Keys.generate()).build(), new P2pMetrics());
    await(h.start());
    return h;
  }
}
