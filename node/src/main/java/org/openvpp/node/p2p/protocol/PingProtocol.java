package org.openvpp.node.p2p.protocol;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.StreamHandler;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.ProtocolViolation;

/** {@code /ipfs/ping/1.0.0}: 32 random bytes echoed back; the round trip is the result. */
public final class PingProtocol {
  public static final String ID = "/ipfs/ping/1.0.0";
  private static final int SIZE = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Vertx vertx;
  private final long timeoutMs;

  public PingProtocol(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** Echoes every complete 32-byte ping until the peer closes. */
  public StreamHandler handler() {
    return (connection, stream) -> {
      ByteQueue queue = new ByteQueue();
      stream.endHandler(stream::close);
      stream.handler(
          data -> {
            queue.append(data);
            for (Optional<byte[]> p = queue.take(SIZE); p.isPresent(); p = queue.take(SIZE)) {
              stream.write(Buffer.buffer(p.get()));
            }
          });
    };
  }

  public Future<Duration> ping(Connection connection) {
    return connection
        .openStream(List.of(ID))
        .compose(
            s -> {
              byte[] payload = new byte[SIZE];
              RANDOM.nextBytes(payload);
              Promise<Duration> result = Promise.promise();
              ByteQueue queue = new ByteQueue();
              long start = System.nanoTime();
              long timer =
                  vertx.setTimer(
                      timeoutMs,
                      t -> result.tryFail(new ProtocolViolation(RejectReason.TIMEOUT, "ping")));
              s.stream()
                  .handler(
                      data -> {
                        queue.append(data);
                        queue
                            .take(SIZE)
                            .ifPresent(
                                echo -> {
                                  if (Arrays.equals(echo, payload)) {
                                    result.tryComplete(Duration.ofNanos(System.nanoTime() - start));
                                  } else {
                                    result.tryFail(
                                        new ProtocolViolation(
                                            RejectReason.MALFORMED_MESSAGE, "wrong echo"));
                                  }
                                });
                      });
              s.stream().write(Buffer.buffer(payload));
              return result
                  .future()
                  .onComplete(
                      r -> {
                        vertx.cancelTimer(timer);
                        s.stream().close();
                      });
            });
  }
}
