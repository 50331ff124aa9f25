package org.openvpp.node.p2p.bench;

import static org.openvpp.node.p2p.bench.GossipLatencyBench.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.HostConfig;
import org.openvpp.node.p2p.host.Libp2pHost;

/**
 * Bytes per second through one Noise+Yamux stream versus a raw Vert.x TCP socket, both on loopback
 * in the same process. The receiver answers once it has counted every byte.
 */
final class StreamThroughputBench {
  private static final String SINK = "/bench/sink/1.0.0";
  private static final int CHUNK = 60 * 1024;
  private final long totalBytes;

  /** Rounds {@code totalBytes} up to whole chunks so both sides agree on the end. */
  StreamThroughputBench(long totalBytes) {
    this.totalBytes = (totalBytes + CHUNK - 1) / CHUNK * CHUNK;
  }

  long totalBytes() {
    return totalBytes;
  }

  double libp2pMBps(Vertx vertx) {
    Libp2pHost receiver = host(vertx);
    Libp2pHost sender = host(vertx);
    try {
      receiver.handle(
          SINK,
          (c, stream) -> {
            AtomicLong got = new AtomicLong();
            stream.handler(
                b -> {
                  if (got.addAndGet(b.length()) >= totalBytes) {
                    stream.write(Buffer.buffer(new byte[] {1}));
                    stream.close();
                  }
                });
          });
      Connection c = await(sender.dial(receiver.listenAddress().withPeerId(receiver.peerId())));
      Buffer chunk = Buffer.buffer(new byte[CHUNK]);
      long start = System.nanoTime();
      await(
          sender.onContext(
              () ->
                  c.openStream(List.of(SINK))
                      .compose(
                          s -> {
                            Promise<Void> done = Promise.promise();
                            s.stream().handler(b -> done.tryComplete());
                            for (long sent = 0; sent < totalBytes; sent += CHUNK) {
                              s.stream().write(chunk);
                            }
                            return done.future();
                          })));
      return mbps(System.nanoTime() - start);
    } finally {
      await(sender.stop());
      await(receiver.stop());
    }
  }

  double rawTcpMBps(Vertx vertx) {
    Promise<Void> done = Promise.promise();
    NetServer server = vertx.createNetServer().connectHandler(s -> countThenAnswer(s, done));
    await(server.listen(0, "127.0.0.1"));
    try {
      NetSocket client = await(vertx.createNetClient().connect(server.actualPort(), "127.0.0.1"));
      Buffer chunk = Buffer.buffer(new byte[CHUNK]);
      long start = System.nanoTime();
      Promise<Void> acked = Promise.promise();
      client.handler(b -> acked.tryComplete());
      pump(client, chunk, new AtomicLong());
      await(acked.future());
      double result = mbps(System.nanoTime() - start);
      client.close();
      return result;
    } finally {
      await(server.close());
    }
  }

  /** Writes with the socket's own backpressure so memory stays flat. */
  private void pump(NetSocket socket, Buffer chunk, AtomicLong sent) {
    while (sent.get() < totalBytes && !socket.writeQueueFull()) {
      socket.write(chunk);
      sent.addAndGet(chunk.length());
    }
    if (sent.get() < totalBytes) {
      socket.drainHandler(v -> pump(socket, chunk, sent));
    }
  }

  private void countThenAnswer(NetSocket s, Promise<Void> done) {
    AtomicLong got = new AtomicLong();
    s.handler(
        b -> {
          if (got.addAndGet(b.length()) >= totalBytes) {
            s.write(Buffer.buffer(new byte[] {1}));
            done.tryComplete();
          }
        });
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
