package org.openvpp.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.host.HostConfig;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.net.ByteQueue;

/**
 * Mesh maintenance and control handling without sockets: peers are injected into the router and
 * what it would send is read back from their queues; time is passed in explicitly.
 */
class GossipRoutingTest {
  private static final String TOPIC = "t";
  private final Vertx vertx = Vertx.vertx();
  private final GossipConfig config = GossipConfig.defaults();
  private GossipRouter router;
  private Heartbeat heartbeat;

  @BeforeEach
  void router() {
    Libp2pHost host =
        new Libp2pHost(vertx, HostConfig.builder(Ed25519Keys.generate()).build(), new P2pMetrics());
    router = new GossipRouter(host, host.metrics());
    heartbeat = new Heartbeat(router, config);
    router.addSubscription(TOPIC, m -> {});
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private List<PeerState> addPeers(int n) {
    List<PeerState> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PeerState p = new PeerState(PeerId.fromPublicKey(Ed25519Keys.generate().publicKey()), null);
      p.topics.add(TOPIC);
      router.peers.put(p.id, p);
      out.add(p);
    }
    return out;
  }

  private static List<Rpc> sent(PeerState p) {
    List<Rpc> out = new ArrayList<>();
    for (Buffer b : p.drainQueued()) {
      ByteQueue q = new ByteQueue();
      q.append(b);
      out.add(Rpc.decode(q.takeLengthPrefixed(1 << 20).orElseThrow()).orElseThrow());
    }
    return out;
  }

  @Test
  void theHeartbeatGraftsUpToDWhenTheMeshIsBelowDLow() {
    List<PeerState> peers = addPeers(20);
    heartbeat.run(1_000);
    assertThat(router.meshPeers(TOPIC)).hasSize(config.d());
    long grafted =
        peers.stream()
            .filter(p -> sent(p).stream().anyMatch(r -> r.control().graft().contains(TOPIC)))
            .count();
    assertThat(grafted).isEqualTo(config.d());
  }

  @Test
  void theHeartbeatPrunesDownToDAboveDHighAndThePrunedStayOutDuringBackoff() {
    List<PeerState> peers = addPeers(20);
    peers.forEach(p -> router.mesh.get(TOPIC).add(p.id));
    heartbeat.run(1_000);
    assertThat(router.meshPeers(TOPIC)).hasSize(config.d());
    List<PeerState> pruned =
        peers.stream().filter(p -> !router.meshPeers(TOPIC).contains(p.id)).toList();
    assertThat(pruned).hasSize(20 - config.d());
    assertThat(sent(pruned.get(0)).get(0).control().prune())
        .containsExactly(new Rpc.Prune(TOPIC, config.pruneBackoffMs() / 1000));

    // Mesh members leave; the refill must skip peers still in backoff.
    router.mesh.get(TOPIC).clear();
    peers.stream().filter(p -> !pruned.contains(p)).forEach(p -> router.peers.remove(p.id));
    heartbeat.run(2_000);
    assertThat(router.meshPeers(TOPIC)).isEmpty();
    heartbeat.run(2_000 + config.pruneBackoffMs());
    assertThat(router.meshPeers(TOPIC)).hasSize(config.d());
  }

  @Test
  void aGraftDuringBackoffOrForAnUnknownTopicIsAnsweredWithPrune() {
    PeerState p = addPeers(1).get(0);
    p.backoffUntilMs.put(TOPIC, 5_000L);
    ControlHandler handler = new ControlHandler(router, config);
    handler.handle(
        p, new Rpc.Control(List.of(), List.of(), List.of(TOPIC, "other"), List.of()), 1_000);
    assertThat(router.meshPeers(TOPIC)).isEmpty();
    assertThat(sent(p).get(0).control().prune())
        .extracting(Rpc.Prune::topic)
        .containsExactly(TOPIC, "other");
    handler.handle(p, new Rpc.Control(List.of(), List.of(), List.of(TOPIC), List.of()), 100_000);
    assertThat(router.meshPeers(TOPIC)).containsExactly(p.id);
  }

  @Test
  void aPruneRemovesThePeerAndHonoursItsBackoff() {
    PeerState p = addPeers(1).get(0);
    router.mesh.get(TOPIC).add(p.id);
    new ControlHandler(router, config)
        .handle(
            p,
            new Rpc.Control(List.of(), List.of(), List.of(), List.of(new Rpc.Prune(TOPIC, 30))),
            1_000);
    assertThat(router.meshPeers(TOPIC)).isEmpty();
    assertThat(p.inBackoff(TOPIC, 30_999)).isTrue();
    assertThat(p.inBackoff(TOPIC, 31_001)).isFalse();
  }

  @Test
  void ihaveOfUnseenMessagesIsAnsweredWithIwantAndIwantWithTheCachedMessage() {
    PeerState p = addPeers(1).get(0);
    PrivateKey author = Ed25519Keys.generate();
    PubMessage known = MessageSigning.sign(author, TOPIC, "k".getBytes(StandardCharsets.UTF_8), 1);
    PubMessage unknown =
        MessageSigning.sign(author, TOPIC, "u".getBytes(StandardCharsets.UTF_8), 2);
    router.seen.add(MessageSigning.id(known), 0);
    router.cache.put(MessageSigning.id(known), known);
    ControlHandler handler = new ControlHandler(router, config);

    handler.handle(
        p,
        new Rpc.Control(
            List.of(
                new Rpc.IHave(
                    TOPIC,
                    List.of(MessageSigning.id(known).bytes(), MessageSigning.id(unknown).bytes()))),
            List.of(),
            List.of(),
            List.of()),
        0);
    List<byte[]> wanted = sent(p).get(0).control().iwant();
    assertThat(wanted).hasSize(1);
    assertThat(new MessageSigning.MessageId(wanted.get(0))).isEqualTo(MessageSigning.id(unknown));

    handler.handle(
        p,
        new Rpc.Control(List.of(), List.of(MessageSigning.id(known).bytes()), List.of(), List.of()),
        0);
    assertThat(sent(p).get(0).publish()).containsExactly(known);
  }

  @Test
  void theHeartbeatGossipsCachedIdsToNonMeshPeersAndExpiresThem() {
    List<PeerState> peers = addPeers(10);
    peers.subList(0, config.d()).forEach(p -> router.mesh.get(TOPIC).add(p.id));
    PubMessage m = MessageSigning.sign(Ed25519Keys.generate(), TOPIC, new byte[] {1}, 1);
    router.cache.put(MessageSigning.id(m), m);
    heartbeat.run(0);
    for (PeerState outside : peers.subList(config.d(), 10)) {
      assertThat(sent(outside).stream().flatMap(r -> r.control().ihave().stream()).toList())
          .hasSize(1);
    }
    assertThat(sent(peers.get(0))).isEmpty();
    for (int i = 0; i < config.historyLength(); i++) {
      heartbeat.run(i);
    }
    assertThat(router.cache.get(MessageSigning.id(m))).isEmpty();
  }

  @Test
  void aPeerAboveTheRateLosesScoreUntilTheNextSecondAndTheScoreDecays() {
    java.util.concurrent.atomic.AtomicLong clock =
        new java.util.concurrent.atomic.AtomicLong(10_000);
    Libp2pHost host =
        new Libp2pHost(
            vertx,
            HostConfig.builder(Ed25519Keys.generate())
                .gossip(GossipConfig.defaults().withMaxMessagesPerSecond(50))
                .build(),
            new P2pMetrics());
    GossipRouter limited = new GossipRouter(host, host.metrics(), clock::get);
    List<GossipMessage> delivered = new ArrayList<>();
    limited.addSubscription(TOPIC, delivered::add);
    PeerState p = new PeerState(PeerId.fromPublicKey(Ed25519Keys.generate().publicKey()), null);
    limited.peers.put(p.id, p);
    PrivateKey author = Ed25519Keys.generate();

    limited.onRpcBytes(p.id, burst(author, 1, 60).encode());
    assertThat(delivered).hasSize(50);
    assertThat(host.metrics().rejections(org.openvpp.node.p2p.RejectReason.GOSSIP_RATE_LIMITED))
        .isEqualTo(10);
    assertThat(p.score).isEqualTo(-10 * GossipRouter.FLOOD_PENALTY);

    clock.addAndGet(1_000);
    limited.onRpcBytes(p.id, burst(author, 61, 10).encode());
    assertThat(delivered).hasSize(60);
    new Heartbeat(limited, config).run(clock.get());
    assertThat(p.score).isGreaterThan(-10 * GossipRouter.FLOOD_PENALTY).isNegative();
  }

  private static Rpc burst(PrivateKey author, long firstSeqno, int count) {
    List<PubMessage> out = new ArrayList<>();
    for (long i = firstSeqno; i < firstSeqno + count; i++) {
      out.add(MessageSigning.sign(author, TOPIC, new byte[] {1}, i));
    }
    return Rpc.ofMessages(out);
  }

  @Test
  void seenIdsExpireAfterTheirTtl() {
    SeenCache seen = new SeenCache(1_000);
    MessageSigning.MessageId id = new MessageSigning.MessageId(new byte[] {1});
    assertThat(seen.add(id, 0)).isTrue();
    assertThat(seen.add(id, 500)).isFalse();
    seen.expire(1_001);
    assertThat(seen.contains(id)).isFalse();
  }
}
