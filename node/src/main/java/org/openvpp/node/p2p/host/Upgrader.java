package org.openvpp.node.p2p.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.net.Multistream;
import org.openvpp.node.p2p.net.ProtocolViolation;
import org.openvpp.node.p2p.net.TcpChannel;
import org.openvpp.node.p2p.noise.NoiseSecurity;
import org.openvpp.node.p2p.yamux.YamuxSession;

/**
 * Turns a TCP socket into a {@link Connection}: multistream → {@code /noise} → multistream → {@code
 * /yamux/1.0.0}. Any failure closes the socket and counts its reason.
 */
final class Upgrader {
  private final Vertx vertx;
  private final NoiseSecurity noise;
  private final HostConfig config;
  private final Consumer<RejectReason> onViolation;

  Upgrader(
      Vertx vertx, NoiseSecurity noise, HostConfig config, Consumer<RejectReason> onViolation) {
    this.vertx = vertx;
    this.noise = noise;
    this.config = config;
    this.onViolation = onViolation;
  }

  Future<Connection> upgrade(NetSocket socket, boolean outbound, Optional<PeerId> expected) {
    TcpChannel tcp = new TcpChannel(socket);
    long timeout = config.handshakeTimeoutMs();
    Future<String> security =
        outbound
            ? Multistream.select(vertx, tcp, List.of(NoiseSecurity.PROTOCOL), timeout)
            : Multistream.respond(vertx, tcp, () -> List.of(NoiseSecurity.PROTOCOL), timeout);
    return security
        .compose(p -> noise.secure(vertx, tcp, outbound, expected, timeout, onViolation))
        .compose(
            secured -> {
              Future<String> muxer =
                  outbound
                      ? Multistream.select(
                          vertx, secured.channel(), List.of(YamuxSession.PROTOCOL), timeout)
                      : Multistream.respond(
                          vertx, secured.channel(), () -> List.of(YamuxSession.PROTOCOL), timeout);
              return muxer.map(
                  p ->
                      new Connection(
                          vertx,
                          secured.remotePeer(),
                          secured.remoteKey(),
                          toMultiaddr(socket.remoteAddress()),
                          outbound,
                          new YamuxSession(
                              vertx,
                              secured.channel(),
                              outbound,
                              config.yamuxLimits(),
                              onViolation),
                          config.negotiationTimeoutMs()));
            })
        .onFailure(
            e -> {
              onViolation.accept(
                  e instanceof ProtocolViolation v ? v.reason() : RejectReason.MALFORMED_MESSAGE);
              tcp.close();
            });
  }

  static Multiaddr toMultiaddr(SocketAddress address) {
    String host = address.hostAddress();
    String family = host.contains(":") ? "ip6" : "ip4";
    return Multiaddr.parse(
        "/" + family + "/" + host.replaceAll("%.*$", "") + "/tcp/" + address.port());
  }
}
