package org.openvpp.node.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.node.p2p.host.TestHosts.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.protocol.IdentifyInfo;
import org.openvpp.node.p2p.protocol.PingProtocol;

class HostIT {
  private final TestHosts hosts = new TestHosts();

  @AfterEach
  void stop() {
    hosts.close();
  }

  @Test
  void twoJavaHostsConnectPingAndIdentifyEachOther() {
    Libp2pHost a = hosts.start();
    Libp2pHost b = hosts.start();
    Connection c = await(a.dial(b.listenAddress().withPeerId(b.peerId())));
    assertThat(c.remotePeer()).isEqualTo(b.peerId());
    Duration rtt = await(a.ping(b.peerId()));
    assertThat(rtt).isPositive();
    IdentifyInfo info = await(a.identify(b.peerId()));
    assertThat(info.protocols()).contains(PingProtocol.ID);
    assertThat(info.listenAddresses()).contains(b.listenAddress());
    assertThat(await(b.ping(a.peerId()))).isPositive();
  }
}
