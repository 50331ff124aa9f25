package org.openvpp.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.node.p2p.NetworkIT.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.encoding.Varint;
import org.openvpp.node.p2p.gossip.GossipConfig;
import org.openvpp.node.p2p.host.HostConfig;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.Channel;
import org.openvpp.node.p2p.noise.NoiseSecurity;
import org.openvpp.node.p2p.protocol.IdentifyInfo;
import org.openvpp.node.p2p.protocol.IdentifyProtocol;
import org.openvpp.node.p2p.reqresp.EvidenceMessages;
import org.openvpp.node.p2p.reqresp.Response;
import org.openvpp.node.p2p.yamux.YamuxSession;

/**
 * Malformed, oversize, forged and flooding input at every layer: each is closed or penalized with a
 * counted reason, and the victim keeps serving a well-behaved peer.
 */
class BadInputIT {
  private final Vertx vertx = Vertx.vertx();
  private final List<Libp2pNetwork> started = new ArrayList<>();
  private Libp2pNetwork victim;
  private Libp2pNetwork goodPeer;

  @BeforeEach
  void startVictim() {
    victim =
        start(
            Ed25519Keys.generate(),
            b ->
                b.yamuxLimits(new YamuxSession.Limits(16, 30_000))
                    .negotiationTimeoutMs(2_000)
                    .gossip(
                        GossipConfig.defaults().withHeartbeatMs(100).withMaxMessagesPerSecond(50)));
    victim.serve(
        EvidenceMessages.protocol(),
        (p, r) -> io.vertx.core.Future.succeededFuture(Response.ok(r)));
    goodPeer = start(Ed25519Keys.generate(), b -> b);
  }

  @AfterEach
  void stop() {
    started.forEach(n -> await(n.stop().otherwiseEmpty()));
    await(vertx.close());
  }

  private Libp2pNetwork start(
      PrivateKey key, java.util.function.UnaryOperator<HostConfig.Builder> c) {
    Libp2pNetwork n = new Libp2pNetwork(vertx, c.apply(HostConfig.builder(key)).build());
    await(n.start());
    started.add(n);
    return n;
  }

  private long rejected(RejectReason reason) {
    return victim.metrics().rejections(reason);
  }

  private void victimStillServesAGoodPeer() {
    await(goodPeer.connect(victim.listenAddress()));
    assertThat(await(goodPeer.host().ping(victim.peerId()))).isPositive();
  }

  /**
   * Connects, sends {@code bytes} and returns a flag that turns true when the victim closes the
   * connection. The close handler is set before anything is written: the victim may close before
   * the write call even returns, and a close without a handler is lost.
   */
  private AtomicBoolean rawSocketSending(Buffer bytes, boolean thenClose) {
    NetSocket s = await(RawPeer.tcp(vertx, victim.listenAddress()));
    AtomicBoolean closed = new AtomicBoolean();
    s.closeHandler(v -> closed.set(true));
    s.write(bytes);
    if (thenClose) {
      s.end();
    }
    return closed;
  }

  @Test
  void garbageBytesInsteadOfMultistreamCloseTheConnection() {
    byte[] garbage = new byte[64];
    new java.util.Random(1).nextBytes(garbage);
    garbage[0] = 5; // a short frame that is not the multistream header
    AtomicBoolean closed = rawSocketSending(Buffer.buffer(garbage), false);
    Await.until(
        () -> closed.get() && rejected(RejectReason.MULTISTREAM_GARBAGE) == 1,
        "closed.get() && rejected(RejectReason.MULTISTREAM_GARBAGE) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void anOversizeMultistreamFrameClosesTheConnection() {
    AtomicBoolean closed = rawSocketSending(Buffer.buffer(Varint.encode(1_000_000)), false);
    Await.until(
        () -> closed.get() && rejected(RejectReason.MULTISTREAM_GARBAGE) == 1,
        "closed.get() && rejected(RejectReason.MULTISTREAM_GARBAGE) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void aTruncatedFrameIsCountedWhenThePeerHangsUp() {
    rawSocketSending(Buffer.buffer(Varint.encode(19)).appendString("/multi"), true);
    Await.until(
        () -> rejected(RejectReason.MULTISTREAM_GARBAGE) == 1,
        "rejected(RejectReason.MULTISTREAM_GARBAGE) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void aTruncatedNoiseHandshakeIsCounted() {
    Buffer hello =
        Buffer.buffer()
            .appendBytes(Varint.encode(19))
            .appendString("/multistream/1.0.0\n")
            .appendBytes(Varint.encode(7))
            .appendString("/noise\n")
            .appendUnsignedShort(32)
            .appendBytes(new byte[10]);
    rawSocketSending(hello, true);
    Await.until(
        () -> rejected(RejectReason.NOISE_HANDSHAKE_FAILED) == 1,
        "rejected(RejectReason.NOISE_HANDSHAKE_FAILED) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void dialingWithTheWrongPeerIdFailsAndIsCounted() {
    Libp2pNetwork dialer = start(Ed25519Keys.generate(), b -> b);
    PeerId someoneElse = PeerId.fromPublicKey(Ed25519Keys.generate().publicKey());
    assertThatThrownBy(() -> await(dialer.connect(victim.listenAddress().withPeerId(someoneElse))));
    assertThat(dialer.metrics().rejections(RejectReason.NOISE_PEER_ID_MISMATCH)).isEqualTo(1);
    victimStillServesAGoodPeer();
  }

  @Test
  void aNoiseHandshakeWithABadSignatureIsRejectedBothWays() {
    PrivateKey forgerKey = Ed25519Keys.generate();
    PrivateKey otherKey = Ed25519Keys.generate();
    HostConfig forgerConfig = HostConfig.builder(forgerKey).build();
    Libp2pHost forger =
        new Libp2pHost(
            vertx, forgerConfig, new P2pMetrics(), new NoiseSecurity(forgerKey, otherKey::sign));
    await(forger.start());
    try {
      assertThatThrownBy(() -> await(forger.dial(victim.listenAddress())));
      Await.until(
          () -> rejected(RejectReason.NOISE_BAD_SIGNATURE) == 1,
          "rejected(RejectReason.NOISE_BAD_SIGNATURE) == 1");
      assertThatThrownBy(
          () -> await(victim.connect(forger.listenAddress().withPeerId(forger.peerId()))));
      Await.until(
          () -> rejected(RejectReason.NOISE_BAD_SIGNATURE) == 2,
          "rejected(RejectReason.NOISE_BAD_SIGNATURE) == 2");
    } finally {
      await(forger.stop());
    }
    victimStillServesAGoodPeer();
  }

  @Test
  void aYamuxFrameBeyondTheWindowEndsTheSession() {
    Channel ch = await(RawPeer.securedForYamux(vertx, victim.listenAddress()));
    AtomicBoolean ended = new AtomicBoolean();
    ch.endHandler(() -> ended.set(true));
    ch.handler(b -> {});
    int beyondWindow = 5_000_000; // we grant 1 MiB per stream
    vertx.runOnContext(
        v -> ch.write(RawPeer.yamuxFrame(0, 0, 1, 1, beyondWindow, new byte[beyondWindow])));
    Await.until(
        () -> ended.get() && rejected(RejectReason.YAMUX_PROTOCOL_ERROR) == 1,
        "ended.get() && rejected(RejectReason.YAMUX_PROTOCOL_ERROR) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void aYamuxFrameHeaderAnnouncingAHugeLengthEndsTheSessionAtOnce() {
    Channel ch = await(RawPeer.securedForYamux(vertx, victim.listenAddress()));
    AtomicBoolean ended = new AtomicBoolean();
    ch.endHandler(() -> ended.set(true));
    ch.handler(b -> {});
    vertx.runOnContext(v -> ch.write(RawPeer.yamuxFrame(0, 0, 1, 1, 0xFFFF_FFFFL, new byte[0])));
    Await.until(
        () -> ended.get() && rejected(RejectReason.OVERSIZE_MESSAGE) == 1,
        "ended.get() && rejected(RejectReason.OVERSIZE_MESSAGE) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void aYamuxFrameWithAnUnknownVersionEndsTheSession() {
    Channel ch = await(RawPeer.securedForYamux(vertx, victim.listenAddress()));
    AtomicBoolean ended = new AtomicBoolean();
    ch.endHandler(() -> ended.set(true));
    ch.handler(b -> {});
    vertx.runOnContext(v -> ch.write(RawPeer.yamuxFrame(9, 0, 1, 1, 0, new byte[0])));
    Await.until(
        () -> ended.get() && rejected(RejectReason.YAMUX_PROTOCOL_ERROR) == 1,
        "ended.get() && rejected(RejectReason.YAMUX_PROTOCOL_ERROR) == 1");
    victimStillServesAGoodPeer();
  }

  @Test
  void aStreamFloodIsRefusedPastTheLimitAndTheConnectionKeepsWorking() {
    Channel ch = await(RawPeer.securedForYamux(vertx, victim.listenAddress()));
    ch.handler(b -> {});
    vertx.runOnContext(
        v -> {
          for (int id = 1; id < 2 * 100; id += 2) {
            ch.write(RawPeer.yamuxFrame(0, 1, 1, id, 0, new byte[0]));
          }
        });
    Await.until(
        () -> rejected(RejectReason.STREAM_FLOOD) == 100 - 16,
        "rejected(RejectReason.STREAM_FLOOD) == 100 - 16");
    victimStillServesAGoodPeer();
  }

  @Test
  void anIdentifyAnswerCarryingAnotherPeersKeyIsRejected() {
    Libp2pNetwork impostor = start(Ed25519Keys.generate(), b -> b);
    byte[] someoneElsesKey = Ed25519Keys.generate().publicKey().marshal();
    impostor
        .host()
        .handle(
            IdentifyProtocol.ID,
            (c, stream) -> {
              var lie =
                  new IdentifyInfo(
                      "ipfs/0.1.0",
                      "liar",
                      someoneElsesKey,
                      List.of(),
                      Optional.empty(),
                      List.of());
              stream.write(ByteQueue.lengthPrefixed(lie.encode()));
              stream.close();
            });
    await(victim.connect(impostor.listenAddress()));
    Await.until(
        () -> rejected(RejectReason.IDENTIFY_KEY_MISMATCH) == 1,
        "rejected(RejectReason.IDENTIFY_KEY_MISMATCH) == 1");
    assertThat(victim.host().peerStore().get(impostor.peerId()).map(r -> r.agent()))
        .isNotEqualTo(Optional.of("liar"));
    victimStillServesAGoodPeer();
  }

  @Test
  void anUnknownProtocolIsAnsweredWithNaAndTheConnectionStaysUsable() {
    await(goodPeer.connect(victim.listenAddress()));
    assertThatThrownBy(
        () -> await(goodPeer.host().openStream(victim.peerId(), List.of("/nope/1.0.0"))));
    Await.until(
        () -> rejected(RejectReason.PROTOCOL_UNSUPPORTED) == 1,
        "rejected(RejectReason.PROTOCOL_UNSUPPORTED) == 1");
    assertThat(await(goodPeer.host().ping(victim.peerId()))).isPositive();
  }

  @Test
  void anOversizeRequestFrameIsRejected() {
    await(goodPeer.connect(victim.listenAddress()));
    var s = await(goodPeer.host().openStream(victim.peerId(), List.of(EvidenceMessages.PROTOCOL)));
    vertx.runOnContext(v -> s.stream().write(Buffer.buffer(Varint.encode(10_000_000))));
    Await.until(
        () -> rejected(RejectReason.OVERSIZE_MESSAGE) == 1,
        "rejected(RejectReason.OVERSIZE_MESSAGE) == 1");
    assertThat(await(goodPeer.host().ping(victim.peerId()))).isPositive();
  }
}
