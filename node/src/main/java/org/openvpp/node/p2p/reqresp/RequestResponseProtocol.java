package org.openvpp.node.p2p.reqresp;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiFunction;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.host.StreamHandler;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.ProtocolViolation;
import org.openvpp.node.p2p.protocol.StreamReads;
import org.openvpp.node.p2p.yamux.YamuxStream;

/**
 * One request and one response per stream, each a varint length-prefixed protobuf message, with
 * size limits on both and a deadline on the whole exchange.
 *
 * @param protocol e.g. {@code /vpp/evidence/1.0.0}
 */
public record RequestResponseProtocol(
    String protocol, int maxRequestBytes, int maxResponseBytes, long timeoutMs) {

  /** Serves requests with {@code handler} (called on the event loop; must not block). */
  public void serve(Libp2pHost host, BiFunction<PeerId, byte[], Future<Response>> handler) {
    P2pMetrics metrics = host.metrics();
    host.handle(protocol, responder(host, metrics, handler));
  }

  private StreamHandler responder(
      Libp2pHost host, P2pMetrics metrics, BiFunction<PeerId, byte[], Future<Response>> handler) {
    return (Connection c, YamuxStream stream) ->
        StreamReads.readMessage(host.vertx(), stream, maxRequestBytes, timeoutMs)
            .compose(request -> safely(handler, c.remotePeer(), request))
            .onSuccess(
                response -> {
                  stream.write(ByteQueue.lengthPrefixed(limit(response).encode()));
                  stream.close();
                })
            .onFailure(
                e -> {
                  if (e instanceof ProtocolViolation v) {
                    metrics.reject(v.reason());
                  }
                  stream.reset();
                });
  }

  private Response limit(Response r) {
    return r.payload().length > maxResponseBytes
        ? Response.error(Response.Status.SERVER_ERROR, "response too large")
        : r;
  }

  private static Future<Response> safely(
      BiFunction<PeerId, byte[], Future<Response>> handler, PeerId peer, byte[] request) {
    try {
      return handler.apply(peer, request);
    } catch (RuntimeException e) {
      return Future.succeededFuture(Response.error(Response.Status.SERVER_ERROR, "failed"));
    }
  }

  /** Sends {@code request} to a connected peer and waits for the response. */
  public Future<Response> request(Libp2pHost host, PeerId peer, byte[] request) {
    if (request.length > maxRequestBytes) {
      return Future.failedFuture(
          new ProtocolViolation(RejectReason.OVERSIZE_MESSAGE, "request too large"));
    }
    return host.openStream(peer, List.of(protocol))
        .compose(
            s -> {
              s.stream().write(ByteQueue.lengthPrefixed(request));
              s.stream().close();
              return StreamReads.readMessage(
                      host.vertx(), s.stream(), maxResponseBytes + 64, timeoutMs)
                  .onFailure(e -> s.stream().reset());
            })
        .map(
            bytes ->
                Response.decode(bytes)
                    .orElseThrow(
                        () ->
                            new ProtocolViolation(
                                RejectReason.MALFORMED_MESSAGE, "bad response envelope")));
  }
}
