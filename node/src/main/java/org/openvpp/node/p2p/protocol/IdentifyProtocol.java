package org.openvpp.node.p2p.protocol;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Function;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.StreamHandler;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.ProtocolViolation;

/** {@code /ipfs/id/1.0.0}: the responder writes one identify message and closes the stream. */
public final class IdentifyProtocol {
  public static final String ID = "/ipfs/id/1.0.0";
  public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
  private static final int MAX_MESSAGE = 64 * 1024;

  private final Vertx vertx;
  private final Function<Connection, IdentifyInfo> localInfo;
  private final long timeoutMs;

  /**
   * @param localInfo what we tell a peer about ourselves (its observed address varies)
   */
  public IdentifyProtocol(
      Vertx vertx, Function<Connection, IdentifyInfo> localInfo, long timeoutMs) {
    this.vertx = vertx;
    this.localInfo = localInfo;
    this.timeoutMs = timeoutMs;
  }

  public StreamHandler handler() {
    return (connection, stream) -> {
      stream.write(ByteQueue.lengthPrefixed(localInfo.apply(connection).encode()));
      stream.close();
    };
  }

  /** Asks the peer who it is; fails when its key does not match the authenticated peer id. */
  public Future<IdentifyInfo> identify(Connection connection) {
    return connection
        .openStream(List.of(ID))
        .compose(
            s ->
                StreamReads.readMessage(vertx, s.stream(), MAX_MESSAGE, timeoutMs)
                    .onComplete(r -> s.stream().close()))
        .map(
            bytes ->
                IdentifyInfo.decode(bytes)
                    .orElseThrow(
                        () ->
                            new ProtocolViolation(
                                RejectReason.MALFORMED_MESSAGE, "bad identify message")))
        .map(
            info -> {
              boolean keyMatches =
                  PeerId.fromMarshalledKey(info.publicKey())
                      .map(connection.remotePeer()::equals)
                      .orElse(false);
              if (!keyMatches) {
                throw new ProtocolViolation(
                    RejectReason.IDENTIFY_KEY_MISMATCH, "identify key of another peer");
              }
              return info;
            });
  }
}
