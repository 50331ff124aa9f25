package org.openvpp.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.node.p2p.host.TestHosts.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.host.TestHosts;

/** A peer that only speaks {@code /meshsub/1.0.0} still exchanges messages with us. */
class GossipFallbackIT {
  private static final String TOPIC = "/vpp/1/evidence";
  private final TestHosts hosts = new TestHosts();

  @AfterEach
  void stop() {
    hosts.close();
  }

  @Test
  void aResetSendingStreamIsReopenedSoGossipKeepsFlowing() throws Exception {
    Libp2pHost h1 = hosts.start(b -> b.gossip(GossipConfig.defaults().withHeartbeatMs(100)));
    Libp2pHost h2 = hosts.start(b -> b.gossip(GossipConfig.defaults().withHeartbeatMs(100)));
    GossipRouter a = new GossipRouter(h1, h1.metrics());
    GossipRouter b = new GossipRouter(h2, h2.metrics());
    await(a.start());
    await(b.start());
    List<GossipMessage> atB = new CopyOnWriteArrayList<>();
    await(a.subscribe(TOPIC, m -> {}));
    await(b.subscribe(TOPIC, atB::add));
    await(h1.dial(h2.listenAddress().withPeerId(h2.peerId())));
    var first =
        Await.value(Duration.ofSeconds(30), () -> outbound(h1, a, h2), "an outbound gossip stream");
    await(
        h1.onContext(
            () -> {
              first.reset();
              return io.vertx.core.Future.succeededFuture();
            }));
    byte[] n = {0};
    Await.repeatUntil(
        Duration.ofSeconds(30),
        () -> await(a.publish(TOPIC, new byte[] {n[0]++})),
        () -> !atB.isEmpty(),
        "a message over the re-opened stream");
    assertThat(outbound(h1, a, h2)).isNotNull().isNotSameAs(first);
  }

  private static org.openvpp.node.p2p.yamux.YamuxStream outbound(
      Libp2pHost host, GossipRouter router, Libp2pHost peer) {
    return await(
        host.onContext(
            () ->
                io.vertx.core.Future.succeededFuture(
                    java.util.Optional.ofNullable(router.peers.get(peer.peerId()))
                        .map(PeerState::outbound)
                        .orElse(null))));
  }

  @Test
  void routersFallBackToMeshsub10WhenThePeerLacks11() throws Exception {
    Libp2pHost modern = hosts.start(b -> b.gossip(GossipConfig.defaults().withHeartbeatMs(100)));
    Libp2pHost old = hosts.start(b -> b.gossip(GossipConfig.defaults().withHeartbeatMs(100)));
    GossipRouter a = new GossipRouter(modern, modern.metrics());
    GossipRouter b = new GossipRouter(old, old.metrics());
    old.unhandle(GossipRouter.MESHSUB_11);
    await(a.start());
    await(b.start());
    List<GossipMessage> atOld = new CopyOnWriteArrayList<>();
    List<GossipMessage> atModern = new CopyOnWriteArrayList<>();
    await(a.subscribe(TOPIC, atModern::add));
    await(b.subscribe(TOPIC, atOld::add));
    await(modern.dial(old.listenAddress().withPeerId(old.peerId())));
    var stream =
        await(
            modern.openStream(
                old.peerId(), List.of(GossipRouter.MESHSUB_11, GossipRouter.MESHSUB_10)));
    assertThat(stream.protocol()).isEqualTo(GossipRouter.MESHSUB_10);
    stream.stream().close();

    Await.repeatUntil(
        Duration.ofSeconds(30),
        () -> {
          if (atOld.isEmpty()) {
            await(a.publish(TOPIC, new byte[] {1}));
          }
          if (atModern.isEmpty()) {
            await(b.publish(TOPIC, new byte[] {2}));
          }
        },
        () -> !atOld.isEmpty() && !atModern.isEmpty(),
        "a message each way over meshsub 1.0");
  }
}
