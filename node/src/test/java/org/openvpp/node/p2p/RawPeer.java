package org.openvpp.node.p2p;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.net.Channel;
import org.openvpp.node.p2p.net.Multistream;
import org.openvpp.node.p2p.net.TcpChannel;
import org.openvpp.node.p2p.noise.NoiseSecurity;

/** A misbehaving client that writes whatever bytes a test wants at a chosen layer. */
final class RawPeer {
  private RawPeer() {}

  /** A plain TCP socket to {@code target}. */
  static Future<NetSocket> tcp(Vertx vertx, Multiaddr target) {
    return vertx
        .createNetClient()
        .connect(target.tcpPort().orElseThrow(), target.host().orElseThrow());
  }

  /** A channel secured with Noise and with Yamux negotiated, so raw Yamux frames can follow. */
  static Future<Channel> securedForYamux(Vertx vertx, Multiaddr target) {
    return tcp(vertx, target)
        .compose(
            socket -> {
              TcpChannel tcp = new TcpChannel(socket);
              return Multistream.select(vertx, tcp, List.of(NoiseSecurity.PROTOCOL), 5000)
                  .compose(
                      p ->
                          new NoiseSecurity(Ed25519Keys.generate())
                              .secure(vertx, tcp, true, target.peerId(), 5000, r -> {}))
                  .compose(
                      s ->
                          Multistream.select(vertx, s.channel(), List.of("/yamux/1.0.0"), 5000)
                              .map(p -> (Channel) s.channel()));
            });
  }

  /** A Yamux frame header, then {@code payload}. */
  static Buffer yamuxFrame(
      int version, int type, int flags, int streamId, long length, byte[] payload) {
    return Buffer.buffer()
        .appendByte((byte) version)
        .appendByte((byte) type)
        .appendUnsignedShort(flags)
        .appendUnsignedInt(streamId)
        .appendUnsignedInt(length)
        .appendBytes(payload);
  }
}
