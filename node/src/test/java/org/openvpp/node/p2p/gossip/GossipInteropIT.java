package org.openvpp.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.node.p2p.host.TestHosts.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.crypto.Secp256k1Keys;
import org.openvpp.node.p2p.host.JsPeer;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.host.TestHosts;

/** Gossipsub messages between Java routers and an unmodified js-libp2p gossipsub peer. */
class GossipInteropIT {
  private static final String TOPIC = "/vpp/1/requests";
  private final TestHosts hosts = new TestHosts();
  private JsPeer js;

  @BeforeEach
  void startJs() throws Exception {
    js = JsPeer.start();
  }

  @AfterEach
  void stop() {
    js.close();
    hosts.close();
  }

  private record JavaNode(Libp2pHost host, GossipRouter router, List<GossipMessage> received) {}

  private JavaNode javaNode() {
    return javaNode(Ed25519Keys.generate());
  }

  private JavaNode javaNode(PrivateKey key) {
    Libp2pHost host = hosts.start(key, b -> b.gossip(GossipConfig.defaults().withHeartbeatMs(200)));
    GossipRouter router = new GossipRouter(host, host.metrics());
    await(router.start());
    List<GossipMessage> received = new CopyOnWriteArrayList<>();
    await(router.subscribe(TOPIC, received::add));
    return new JavaNode(host, router, received);
  }

  @Test
  void messagesFlowBothWaysBetweenJavaAndJs() throws Exception {
    JavaNode java = javaNode();
    js.command("subscribe", Map.of("topic", TOPIC));
    await(java.host().dial(js.address()));
    awaitTopicPeers(java, 1);

    assertThat(await(java.router().publish(TOPIC, bytes("from java")))).isEqualTo(1);
    JsonObject got = js.nextEvent("message", Duration.ofSeconds(10));
    assertThat(got.getString("data")).isEqualTo("from java");
    assertThat(got.getString("from")).isEqualTo(java.host().peerId().toString());

    js.command("publish", Map.of("topic", TOPIC, "data", "from js"));
    awaitReceived(java, 1);
    assertThat(new String(java.received().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("from js");
    assertThat(java.received().get(0).author()).isEqualTo(js.peerId());
  }

  @Test
  void aSecp256k1JavaPeerIsAuthenticatedAndItsSignedMessagesAcceptedByJs() throws Exception {
    JavaNode java = javaNode(Secp256k1Keys.generate());
    assertThat(java.host().peerId().toBase58()).startsWith("16Uiu2");
    js.command("subscribe", Map.of("topic", TOPIC));
    await(java.host().dial(js.address()));
    awaitTopicPeers(java, 1);
    await(java.router().publish(TOPIC, bytes("secp")));
    JsonObject got = js.nextEvent("message", Duration.ofSeconds(10));
    assertThat(got.getString("data")).isEqualTo("secp");
    assertThat(got.getString("from")).isEqualTo(java.host().peerId().toString());
  }

  @Test
  void inAFullyConnectedMixedMeshEveryMessageReachesEverySubscriberExactlyOnce() throws Exception {
    runMixedMesh(true);
  }

  @Test
  void inALineMixedMeshTheMiddleJavaPeerForwardsEveryMessageExactlyOnce() throws Exception {
    runMixedMesh(false);
  }

  /** Two Java peers a, b and the js peer; a links to both; js links to b only when asked. */
  private void runMixedMesh(boolean jsLinksToB) throws Exception {
    JavaNode a = javaNode();
    JavaNode b = javaNode();
    js.command("subscribe", Map.of("topic", TOPIC));
    await(a.host().dial(b.host().listenAddress().withPeerId(b.host().peerId())));
    await(a.host().dial(js.address()));
    if (jsLinksToB) {
      js.command(
          "dial",
          Map.of("addr", b.host().listenAddress().withPeerId(b.host().peerId()).toString()));
    }
    awaitTopicPeers(a, 2);
    awaitTopicPeers(b, jsLinksToB ? 2 : 1);
    int jsLinks = jsLinksToB ? 2 : 1;
    Await.until(
        Duration.ofSeconds(30),
        () ->
            meshPeers(a) == 2
                && meshPeers(b) == jsLinks
                && ((io.vertx.core.json.JsonArray) js.command("mesh", Map.of("topic", TOPIC)))
                        .size()
                    == jsLinks,
        "meshes formed over every link");

    int perNode = 5;
    for (int i = 0; i < perNode; i++) {
      await(a.router().publish(TOPIC, bytes("a" + i)));
      await(b.router().publish(TOPIC, bytes("b" + i)));
      js.command("publish", Map.of("topic", TOPIC, "data", "j" + i));
    }
    awaitReceived(a, 2 * perNode);
    awaitReceived(b, 2 * perNode);
    // Duplicates, if any, would arrive within a few heartbeats of the originals.
    List<String> atJs =
        js.eventsFor("message", Duration.ofSeconds(3)).stream()
            .map(e -> e.getString("data"))
            .toList();
    assertThat(texts(a)).containsExactlyInAnyOrderElementsOf(expected(perNode, "b", "j"));
    assertThat(texts(b)).containsExactlyInAnyOrderElementsOf(expected(perNode, "a", "j"));
    assertThat(atJs).containsExactlyInAnyOrderElementsOf(expected(perNode, "a", "b"));
  }

  private static List<String> expected(int n, String p1, String p2) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(p1 + i);
      out.add(p2 + i);
    }
    return out;
  }

  private static List<String> texts(JavaNode n) {
    return n.received().stream().map(m -> new String(m.data(), StandardCharsets.UTF_8)).toList();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitTopicPeers(JavaNode n, int count) {
    Await.until(
        Duration.ofSeconds(30), () -> topicPeers(n) >= count, count + " peers on the topic");
  }

  private static int meshPeers(JavaNode n) {
    return await(
        n.host().onContext(() -> Future.succeededFuture(n.router().meshPeers(TOPIC).size())));
  }

  private static int topicPeers(JavaNode n) {
    return await(
        n.host().onContext(() -> Future.succeededFuture(n.router().topicPeers(TOPIC).size())));
  }

  private static void awaitReceived(JavaNode n, int count) {
    Await.until(
        Duration.ofSeconds(30), () -> n.received().size() >= count, count + " messages received");
  }
}
