package org.openvpp.node.p2p.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PublicKey;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.net.Multistream;
import org.openvpp.node.p2p.yamux.YamuxSession;
import org.openvpp.node.p2p.yamux.YamuxStream;

/** An upgraded connection (TCP + Noise + Yamux) to one authenticated peer. */
public final class Connection {
  private final Vertx vertx;
  private final PeerId remotePeer;
  private final PublicKey remoteKey;
  private final Multiaddr remoteAddress;
  private final boolean outbound;
  private final YamuxSession session;
  private final long negotiationTimeoutMs;

  Connection(
      Vertx vertx,
      PeerId remotePeer,
      PublicKey remoteKey,
      Multiaddr remoteAddress,
      boolean outbound,
      YamuxSession session,
      long negotiationTimeoutMs) {
    this.vertx = vertx;
    this.remotePeer = remotePeer;
    this.remoteKey = remoteKey;
    this.remoteAddress = remoteAddress;
    this.outbound = outbound;
    this.session = session;
    this.negotiationTimeoutMs = negotiationTimeoutMs;
  }

  /** A negotiated stream and the protocol agreed on. */
  public record NegotiatedStream(String protocol, YamuxStream stream) {}

  /** Opens a stream and selects the first of {@code protocols} the peer supports. */
  public Future<NegotiatedStream> openStream(List<String> protocols) {
    return session
        .openStream()
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture("connection closed"))
        .compose(
            s ->
                Multistream.select(vertx, s, protocols, negotiationTimeoutMs)
                    .map(p -> new NegotiatedStream(p, s))
                    .onFailure(e -> s.reset()));
  }

  public PeerId remotePeer() {
    return remotePeer;
  }

  public PublicKey remoteKey() {
    return remoteKey;
  }

  public Multiaddr remoteAddress() {
    return remoteAddress;
  }

  public boolean isOutbound() {
    return outbound;
  }

  public boolean isOpen() {
    return !session.isClosed();
  }

  public YamuxSession session() {
    return session;
  }

  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return (outbound ? "->" : "<-") + remotePeer + "@" + remoteAddress;
  }
}
