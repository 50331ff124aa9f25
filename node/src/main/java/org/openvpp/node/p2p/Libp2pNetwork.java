package org.openvpp.node.p2p;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.gossip.GossipMessage;
import org.openvpp.node.p2p.gossip.GossipRouter;
import org.openvpp.node.p2p.host.Bootstrapper;
import org.openvpp.node.p2p.host.HostConfig;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.reqresp.RequestResponseProtocol;
import org.openvpp.node.p2p.reqresp.Response;

/** Composition root of the p2p layer: host, gossipsub router and bootstrapper. */
public final class Libp2pNetwork implements P2pNetwork {
  private final Libp2pHost host;
  private final GossipRouter gossip;
  private final Bootstrapper bootstrapper;

  public Libp2pNetwork(Vertx vertx, HostConfig config) {
    P2pMetrics metrics = new P2pMetrics();
    this.host = new Libp2pHost(vertx, config, metrics);
    this.gossip = new GossipRouter(host, metrics);
    this.bootstrapper = new Bootstrapper(host);
  }

  @Override
  public PeerId peerId() {
    return host.peerId();
  }

  @Override
  public Multiaddr listenAddress() {
    return host.listenAddress().withPeerId(host.peerId());
  }

  @Override
  public Future<Void> start() {
    return host.start()
        .compose(v -> gossip.start())
        .compose(
            v ->
                host.onContext(
                    () -> {
                      bootstrapper.start();
                      return Future.succeededFuture();
                    }));
  }

  @Override
  public Future<Void> stop() {
    return host.onContext(
            () -> {
              bootstrapper.stop();
              gossip.stop();
              return Future.<Void>succeededFuture();
            })
        .compose(v -> host.stop());
  }

  @Override
  public Future<PeerId> connect(Multiaddr address) {
    return host.dial(address).map(c -> c.remotePeer());
  }

  @Override
  public Set<PeerId> connectedPeers() {
    return host.connectedPeers();
  }

  @Override
  public Future<Void> subscribe(String topic, Consumer<GossipMessage> handler) {
    return gossip.subscribe(topic, handler);
  }

  @Override
  public Future<Integer> publish(String topic, byte[] data) {
    return gossip.publish(topic, data);
  }

  @Override
  public void serve(
      RequestResponseProtocol protocol, BiFunction<PeerId, byte[], Future<Response>> handler) {
    protocol.serve(host, handler);
  }

  @Override
  public Future<Response> request(RequestResponseProtocol protocol, PeerId peer, byte[] request) {
    return host.onContext(() -> protocol.request(host, peer, request));
  }

  @Override
  public P2pMetrics metrics() {
    return host.metrics();
  }

  /** The underlying host, for diagnostics and tests. */
  public Libp2pHost host() {
    return host;
  }

  public GossipRouter gossip() {
    return gossip;
  }

  public Bootstrapper bootstrapper() {
    return bootstrapper;
  }
}
