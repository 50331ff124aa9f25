package org.openvpp.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.gossip.GossipConfig;
import org.openvpp.node.p2p.host.HostConfig;
import org.openvpp.node.p2p.host.PeerStore;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.net.ProtocolViolation;
import org.openvpp.node.p2p.protocol.PingProtocol;
import org.openvpp.node.p2p.reqresp.EvidenceMessages;
import org.openvpp.node.p2p.reqresp.EvidenceMessages.EvidenceBatch;
import org.openvpp.node.p2p.reqresp.EvidenceMessages.EvidenceRequest;
import org.openvpp.node.p2p.reqresp.RequestResponseProtocol;
import org.openvpp.node.p2p.reqresp.Response;

/** The node-facing {@link P2pNetwork}: request/response, bootstrap, limits, peer store, gossip. */
class NetworkIT {
  private final Vertx vertx = Vertx.vertx();
  private final List<Libp2pNetwork> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(n -> await(n.stop().otherwiseEmpty()));
    await(vertx.close());
  }

  private Libp2pNetwork start(PrivateKey key, UnaryOperator<HostConfig.Builder> configure) {
    HostConfig.Builder b =
        HostConfig.builder(key).gossip(GossipConfig.defaults().withHeartbeatMs(100));
    Libp2pNetwork n = new Libp2pNetwork(vertx, configure.apply(b).build());
    await(n.start());
    started.add(n);
    return n;
  }

  private Libp2pNetwork start() {
    return start(Ed25519Keys.generate(), b -> b);
  }

  @Test
  void anEvidenceBatchIsFetchedFromAPeer() {
    Libp2pNetwork server = start();
    Libp2pNetwork client = start();
    byte[] root = new byte[32];
    root[0] = 7;
    server.serve(
        EvidenceMessages.protocol(),
        (peer, bytes) ->
            Future.succeededFuture(
                EvidenceRequest.decode(bytes)
                    .map(
                        r ->
                            Response.ok(
                                new EvidenceBatch(leaves(r.offset(), r.limit()), true).encode()))
                    .orElse(Response.error(Response.Status.BAD_REQUEST, "bad request"))));
    await(client.connect(server.listenAddress()));

    Response r =
        await(
            client.request(
                EvidenceMessages.protocol(),
                server.peerId(),
                new EvidenceRequest(root, 10, 3).encode()));
    assertThat(r.status()).isEqualTo(Response.Status.OK);
    EvidenceBatch batch = EvidenceBatch.decode(r.payload()).orElseThrow();
    assertThat(batch.leaves())
        .extracting(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("leaf10", "leaf11", "leaf12");
    assertThat(batch.more()).isTrue();

    Response bad =
        await(client.request(EvidenceMessages.protocol(), server.peerId(), new byte[] {1, 2}));
    assertThat(bad.status()).isEqualTo(Response.Status.BAD_REQUEST);
  }

  @Test
  void aRequestTimesOutWhenThePeerNeverAnswers() {
    RequestResponseProtocol slow = new RequestResponseProtocol("/vpp/slow/1.0.0", 64, 64, 300);
    Libp2pNetwork server = start();
    Libp2pNetwork client = start();
    server.serve(slow, (peer, bytes) -> Promise.<Response>promise().future());
    await(client.connect(server.listenAddress()));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> await(client.request(slow, server.peerId(), new byte[] {1})))
        .hasRootCauseInstanceOf(ProtocolViolation.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
    assertThatThrownBy(() -> await(client.request(slow, server.peerId(), new byte[100])))
        .hasMessageContaining("request too large");
  }

  @Test
  void bootstrapPeersAreDialedAtStartAndRedialedAfterTheyComeBack() throws Exception {
    PrivateKey bootKey = Ed25519Keys.generate();
    Libp2pNetwork boot = start(bootKey, b -> b);
    Multiaddr bootAddress = boot.listenAddress();
    Libp2pNetwork node =
        start(
            Ed25519Keys.generate(),
            b -> b.bootstrap(List.of(bootAddress)).reconnectBackoffMs(50, 200));
    Await.until(
        () -> node.connectedPeers().contains(boot.peerId()),
        "node.connectedPeers().contains(boot.peerId())");

    await(boot.stop());
    started.remove(boot);
    Await.until(() -> node.connectedPeers().isEmpty(), "node.connectedPeers().isEmpty()");
    Libp2pNetwork again = start(bootKey, b -> b.listen(bootAddress.withoutPeerId()));
    Await.until(
        () -> node.connectedPeers().contains(again.peerId()),
        "node.connectedPeers().contains(again.peerId())");
    assertThat(node.bootstrapper().backoffMs(bootAddress)).isZero();
  }

  @Test
  void anUnreachableBootstrapPeerIsRetriedWithGrowingBackoff() throws Exception {
    java.net.ServerSocket probe =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
    int deadPort = probe.getLocalPort();
    probe.close();
    PeerId someone = PeerId.fromPublicKey(Ed25519Keys.generate().publicKey());
    Multiaddr dead = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + deadPort).withPeerId(someone);
    Libp2pNetwork node =
        start(Ed25519Keys.generate(), b -> b.bootstrap(List.of(dead)).reconnectBackoffMs(20, 160));
    Await.until(
        () -> node.bootstrapper().backoffMs(dead) == 160,
        "node.bootstrapper().backoffMs(dead) == 160");
    assertThat(node.connectedPeers()).isEmpty();
  }

  @Test
  void connectionsBeyondTheLimitAreRefusedAndCounted() {
    Libp2pNetwork server = start(Ed25519Keys.generate(), b -> b.maxConnections(1));
    Libp2pNetwork first = start();
    Libp2pNetwork second = start();
    await(first.connect(server.listenAddress()));
    assertThatThrownBy(() -> await(second.connect(server.listenAddress())));
    Await.until(
        () -> server.metrics().rejections(RejectReason.CONNECTION_LIMIT) == 1,
        "server.metrics().rejections(RejectReason.CONNECTION_LIMIT) == 1");
    assertThat(await(first.host().ping(server.peerId()))).isPositive();
  }

  @Test
  void thePeerStoreKeepsIdentifiedAddressesAndProtocols() {
    Libp2pNetwork a = start();
    Libp2pNetwork b = start();
    await(a.connect(b.listenAddress()));
    Await.until(
        () -> a.host().peerStore().get(b.peerId()).map(r -> !r.protocols().isEmpty()).orElse(false),
        "a.host().peerStore().get(b.peerId()).map(r -> !r.protocols().isEmpty()).orElse(false)");
    PeerStore.PeerRecord record = a.host().peerStore().get(b.peerId()).orElseThrow();
    assertThat(record.protocols()).contains(PingProtocol.ID, "/meshsub/1.1.0");
    assertThat(record.addresses()).contains(b.listenAddress().withoutPeerId());
  }

  @Test
  void gossipReachesEveryJavaSubscriberThroughTheNetworkInterface() {
    Libp2pNetwork a = start();
    Libp2pNetwork b = start();
    Libp2pNetwork c = start();
    List<String> atC = new java.util.concurrent.CopyOnWriteArrayList<>();
    await(a.subscribe(Topics.EVIDENCE, m -> {}));
    await(b.subscribe(Topics.EVIDENCE, m -> {}));
    await(c.subscribe(Topics.EVIDENCE, m -> atC.add(new String(m.data(), StandardCharsets.UTF_8))));
    await(a.connect(b.listenAddress()));
    await(b.connect(c.listenAddress()));
    Await.until(
        () ->
            !c.gossip().meshPeers(Topics.EVIDENCE).isEmpty()
                && b.gossip().meshPeers(Topics.EVIDENCE).size() == 2,
        "!c.gossip().meshPeers(Topics.EVIDENCE).isEmpty() && b.gossip().meshPeers(Topics.EVIDENCE).size() == 2");
    await(a.publish(Topics.EVIDENCE, "root".getBytes(StandardCharsets.UTF_8)));
    Await.until(() -> atC.size() == 1, "atC.size() == 1");
    assertThat(atC).containsExactly("root");
  }

  private static List<byte[]> leaves(int offset, int limit) {
    List<byte[]> out = new ArrayList<>();
    for (int i = offset; i < offset + limit; i++) {
      out.add(("leaf" + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
