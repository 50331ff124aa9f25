package org.openvpp.node.app;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import org.openvpp.node.p2p.Libp2pNetwork;
import org.openvpp.node.p2p.P2pNetwork;
import org.openvpp.node.p2p.host.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the p2p network (host, gossipsub, bootstrap redials) with the node's identity. */
final class P2pVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(P2pVerticle.class);

  private final NodeContext context;
  private volatile P2pNetwork network;

  P2pVerticle(NodeContext context) {
    this.context = context;
  }

  @Override
  public void start(Promise<Void> started) {
    network =
        new Libp2pNetwork(
            vertx, HostSettings.from(context.config().p2p(), context.keys().p2pIdentity()));
    network
        .start()
        .onSuccess(
            v ->
                LOG.info(
                    "p2p listening on {} ({} bootstrap peers)",
                    network.listenAddress(),
                    context.config().bootstrapPeers().size()))
        .onComplete(started);
  }

  @Override
  public void stop(Promise<Void> stopped) {
    if (network == null) {
      stopped.complete();
      return;
    }
    network.stop().onComplete(stopped);
  }

  /** The running network, for the parts started after this one. */
  P2pNetwork network() {
    if (network == null) {
      throw new IllegalStateException("the p2p network is not started");
    }
    return network;
  }
}
