package org.openvpp.node.p2p.protocol;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.Channel;
import org.openvpp.node.p2p.net.ProtocolViolation;

/** Reads one varint length-prefixed message from a stream, with a size limit and a deadline. */
public final class StreamReads {
  private StreamReads() {}

  public static Future<byte[]> readMessage(Vertx vertx, Channel stream, int max, long timeoutMs) {
    Promise<byte[]> result = Promise.promise();
    ByteQueue queue = new ByteQueue();
    long timer =
        vertx.setTimer(
            timeoutMs, t -> result.tryFail(new ProtocolViolation(RejectReason.TIMEOUT, "read")));
    stream.endHandler(
        () ->
            result.tryFail(
                new ProtocolViolation(RejectReason.MALFORMED_MESSAGE, "stream ended early")));
    stream.handler(
        data -> {
          queue.append(data);
          try {
            Optional<byte[]> m = queue.takeLengthPrefixed(max);
            if (m.isPresent() && !result.future().isComplete()) {
              stream.handler(null);
              stream.unread(queue.takeAll());
              result.complete(m.get());
            }
          } catch (ProtocolViolation e) {
            result.tryFail(e);
          }
        });
    return result.future().onComplete(r -> vertx.cancelTimer(timer));
  }
}
