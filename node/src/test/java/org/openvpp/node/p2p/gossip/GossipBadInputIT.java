package org.openvpp.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.node.p2p.host.TestHosts.await;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.encoding.Varint;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.host.TestHosts;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.yamux.YamuxStream;

/** Forged, malformed, oversize and flooding gossip: counted, penalized and pruned. */
class GossipBadInputIT {
  private static final String TOPIC = "/vpp/1/attestations";
  private final TestHosts hosts = new TestHosts();
  private final List<GossipMessage> delivered = new CopyOnWriteArrayList<>();
  private Libp2pHost victim;
  private GossipRouter router;
  private Libp2pHost attacker;
  private PrivateKey attackerKey;
  private YamuxStream stream;

  @BeforeEach
  void start() {
    victim =
        hosts.start(
            b ->
                b.gossip(
                    GossipConfig.defaults().withHeartbeatMs(100).withMaxMessagesPerSecond(50)));
    router = new GossipRouter(victim, victim.metrics());
    await(router.start());
    await(router.subscribe(TOPIC, delivered::add));
    attackerKey = Ed25519Keys.generate();
    attacker =
        hosts.start(
            new Libp2pHost(
                hosts.vertx(),
                org.openvpp.node.p2p.host.HostConfig.builder(attackerKey).build(),
                new org.openvpp.node.p2p.P2pMetrics()));
    Connection c = await(attacker.dial(victim.listenAddress().withPeerId(victim.peerId())));
    stream = await(attacker.openStream(c.remotePeer(), List.of(GossipRouter.MESHSUB_11))).stream();
    send(
        new Rpc(
            List.of(new Rpc.Subscription(true, TOPIC)),
            List.of(),
            new Rpc.Control(List.of(), List.of(), List.of(TOPIC), List.of())));
    Await.until(
        () -> router.meshPeers(TOPIC).contains(attacker.peerId()),
        "router.meshPeers(TOPIC).contains(attacker.peerId())");
  }

  @AfterEach
  void stop() {
    hosts.close();
  }

  private void send(Rpc rpc) {
    sendRaw(ByteQueue.lengthPrefixed(rpc.encode()).getBytes());
  }

  private void sendRaw(byte[] bytes) {
    await(
        attacker.onContext(
            () -> {
              stream.write(io.vertx.core.buffer.Buffer.buffer(bytes));
              return Future.succeededFuture();
            }));
  }

  private long rejected(RejectReason r) {
    return victim.metrics().rejections(r);
  }

  private <T> T onVictim(Supplier<T> read) {
    return await(victim.onContext(() -> Future.succeededFuture(read.get())));
  }

  @Test
  void aValidMessageFromTheAttackerIsDeliveredSoTheSetupIsSound() {
    send(Rpc.ofMessages(List.of(MessageSigning.sign(attackerKey, TOPIC, bytes("ok"), 1))));
    Await.until(() -> delivered.size() == 1, "delivered.size() == 1");
  }

  @Test
  void aMessageWithAForgedSignatureIsDroppedCountedAndItsSenderPruned() {
    PubMessage good = MessageSigning.sign(attackerKey, TOPIC, bytes("real"), 1);
    PubMessage forged =
        new PubMessage(
            good.from(), bytes("fake"), good.seqno(), TOPIC, good.signature(), good.key());
    send(Rpc.ofMessages(List.of(forged)));
    Await.until(
        () -> rejected(RejectReason.GOSSIP_INVALID_SIGNATURE) == 1,
        "rejected(RejectReason.GOSSIP_INVALID_SIGNATURE) == 1");
    assertThat(delivered).isEmpty();
    assertThat(onVictim(() -> router.score(attacker.peerId()))).isNegative();
    assertThat(onVictim(() -> router.meshPeers(TOPIC))).doesNotContain(attacker.peerId());
  }

  @Test
  void aMessageSignedByAnotherKeyThanItsAuthorIsRejected() {
    PrivateKey other = Ed25519Keys.generate();
    PubMessage byOther = MessageSigning.sign(other, TOPIC, bytes("x"), 1);
    PubMessage claimed =
        new PubMessage(
            MessageSigning.sign(attackerKey, TOPIC, bytes("x"), 1).from(),
            byOther.data(),
            byOther.seqno(),
            TOPIC,
            byOther.signature(),
            byOther.key());
    send(Rpc.ofMessages(List.of(claimed)));
    Await.until(
        () -> rejected(RejectReason.GOSSIP_INVALID_SIGNATURE) == 1,
        "rejected(RejectReason.GOSSIP_INVALID_SIGNATURE) == 1");
    assertThat(delivered).isEmpty();
  }

  @Test
  void aFloodingPeerIsRateLimitedAndPrunedFromTheMesh() {
    for (int batch = 0; batch < 10; batch++) {
      List<PubMessage> msgs = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        msgs.add(MessageSigning.sign(attackerKey, TOPIC, bytes("m"), batch * 50L + i + 1));
      }
      send(Rpc.ofMessages(msgs));
    }
    // Past the rate each message costs score; once graylisted, whole RPCs are ignored.
    Await.until(
        () -> rejected(RejectReason.GOSSIP_GRAYLISTED) >= 1,
        "rejected(RejectReason.GOSSIP_GRAYLISTED) >= 1");
    assertThat(delivered.size()).isLessThanOrEqualTo(100);
    assertThat(rejected(RejectReason.GOSSIP_RATE_LIMITED)).isGreaterThanOrEqualTo(50);
    assertThat(onVictim(() -> router.meshPeers(TOPIC))).doesNotContain(attacker.peerId());
  }

  @Test
  void anOversizeRpcFrameIsRejectedAndTheStreamReset() {
    sendRaw(Varint.encode(50_000_000));
    Await.until(
        () -> rejected(RejectReason.OVERSIZE_MESSAGE) == 1,
        "rejected(RejectReason.OVERSIZE_MESSAGE) == 1");
    Await.until(() -> stream.isRemoteEnded(), "stream.isRemoteEnded()");
  }

  @Test
  void aMalformedRpcIsCountedAndPenalized() {
    sendRaw(ByteQueue.lengthPrefixed(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}).getBytes());
    Await.until(
        () -> rejected(RejectReason.MALFORMED_MESSAGE) == 1,
        "rejected(RejectReason.MALFORMED_MESSAGE) == 1");
    assertThat(onVictim(() -> router.score(attacker.peerId()))).isNegative();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
