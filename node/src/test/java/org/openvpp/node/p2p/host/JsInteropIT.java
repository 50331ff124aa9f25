package org.openvpp.node.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.node.p2p.host.TestHosts.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.protocol.IdentifyInfo;
import org.openvpp.node.p2p.protocol.IdentifyProtocol;
import org.openvpp.node.p2p.protocol.PingProtocol;

/** Connection stack, ping and identify against an unmodified js-libp2p peer, both directions. */
class JsInteropIT {
  private final TestHosts hosts = new TestHosts();
  private JsPeer js;

  @BeforeEach
  void startJs() throws Exception {
    js = JsPeer.start();
  }

  @AfterEach
  void stop() throws Exception {
    js.close();
    hosts.close();
  }

  @Test
  void javaDialsJsThenPingAndIdentifyWorkBothWays() {
    Libp2pHost java = hosts.start();
    Connection c = await(java.dial(js.address()));
    assertThat(c.remotePeer()).isEqualTo(js.peerId());

    assertThat(await(java.ping(js.peerId()))).isPositive();
    IdentifyInfo info = await(java.identify(js.peerId()));
    assertThat(info.protocols()).contains(PingProtocol.ID, IdentifyProtocol.ID);
    assertThat(info.listenAddresses()).isNotEmpty();

    assertThat(
            ((Number) js.command("ping", Map.of("peer", java.peerId().toString()))).doubleValue())
        .isGreaterThanOrEqualTo(0);
    JsonObject jsView =
        (JsonObject) js.command("identify", Map.of("peer", java.peerId().toString()));
    assertThat(jsView.getString("agent")).isEqualTo(java.config().agentVersion());
    assertThat(JsPeer.strings(jsView.getJsonArray("protocols"))).contains(PingProtocol.ID);
    assertThat(JsPeer.strings(jsView.getJsonArray("addrs")))
        .contains(java.listenAddress().toString());
  }

  @Test
  void jsDialsJavaThenPingWorksBothWays() {
    Libp2pHost java = hosts.start();
    Object remote =
        js.command(
            "dial", Map.of("addr", java.listenAddress().withPeerId(java.peerId()).toString()));
    assertThat(remote).isEqualTo(java.peerId().toString());
    assertThat(
            ((Number) js.command("ping", Map.of("peer", java.peerId().toString()))).doubleValue())
        .isGreaterThanOrEqualTo(0);
    assertThat(await(java.ping(js.peerId()))).isPositive();
    JsonArray protocols =
        ((JsonObject) js.command("identify", Map.of("peer", java.peerId().toString())))
            .getJsonArray("protocols");
    assertThat(JsPeer.strings(protocols)).contains(IdentifyProtocol.ID);
  }
}
