package org.openvpp.node.p2p.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.encoding.Bytes;

/** Text and binary multiaddrs against vectors from the multiaddr spec and implementations. */
class MultiaddrTest {
  @Test
  void ip4TcpMatchesThePublishedBinaryForm() {
    Multiaddr a = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    assertThat(Bytes.hex(a.toBytes())).isEqualTo("047f000001060fa1");
    assertThat(Multiaddr.fromBytes(Bytes.fromHex("047f000001060fa1"))).isEqualTo(a);
  }

  @Test
  void ip6IsWrittenInCompressedForm() {
    Multiaddr a = Multiaddr.parse("/ip6/::1/tcp/4001");
    assertThat(Bytes.hex(a.toBytes())).isEqualTo("2900000000000000000000000000000001060fa1");
    assertThat(a.toString()).isEqualTo("/ip6/::1/tcp/4001");
    assertThat(Multiaddr.parse("/ip6/2001:db8:0:0:1:0:0:1/tcp/1").toString())
        .isEqualTo("/ip6/2001:db8::1:0:0:1/tcp/1");
  }

  @Test
  void dnsAndPeerIdRoundTripThroughBinary() {
    String text = "/dns/example.com/tcp/443/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N";
    Multiaddr a = Multiaddr.parse(text);
    assertThat(Bytes.hex(a.toBytes())).startsWith("350b6578616d706c652e636f6d0601bba503221220");
    assertThat(Multiaddr.fromBytes(a.toBytes()).toString()).isEqualTo(text);
    assertThat(a.host()).contains("example.com");
    assertThat(a.tcpPort()).contains(443);
    assertThat(a.peerId()).isEqualTo(PeerId.parse(text.substring(text.lastIndexOf('/') + 1)));
  }

  @Test
  void legacyIpfsLabelMeansP2p() {
    Multiaddr a =
        Multiaddr.parse("/ip4/1.2.3.4/tcp/1/ipfs/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
    assertThat(a.toString()).contains("/p2p/Qm");
    assertThat(a.withoutPeerId().toString()).isEqualTo("/ip4/1.2.3.4/tcp/1");
  }

  @Test
  void invalidTextIsRefused() {
    for (String bad :
        new String[] {
          "",
          "ip4/1.2.3.4",
          "/ip4/256.0.0.1",
          "/ip4/1.2.3.4/tcp/65536",
          "/ip4",
          "/udp/1",
          "/ip6/1.2.3.4",
          "/tcp/x",
          "/p2p/notapeer"
        }) {
      assertThatThrownBy(() -> Multiaddr.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void truncatedOrUnknownBinaryIsRefused() {
    for (String bad : new String[] {"", "047f0000", "06", "ff01", "350b6578"}) {
      assertThatThrownBy(() -> Multiaddr.fromBytes(Bytes.fromHex(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
