package org.openvpp.node.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.crypto.Secp256k1Keys;
import org.openvpp.node.p2p.net.PipeChannel;
import org.openvpp.node.p2p.net.ProtocolViolation;

class NoiseSecurityTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<RejectReason> violations = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void handshakeAuthenticatesBothSidesAndEncryptsBothWays() throws Exception {
    PrivateKey alice = Ed25519Keys.generate();
    PrivateKey bob = Secp256k1Keys.generate();
    PipeChannel[] pipe = PipeChannel.pair();
    Future<NoiseSecurity.Secured> b =
        new NoiseSecurity(bob)
            .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    Future<NoiseSecurity.Secured> a =
        new NoiseSecurity(alice)
            .secure(vertx, pipe[0], true, Optional.of(peer(bob)), 5000, violations::add);
    NoiseSecurity.Secured sa = get(a);
    NoiseSecurity.Secured sb = get(b);
    assertThat(sa.remotePeer()).isEqualTo(peer(bob));
    assertThat(sb.remotePeer()).isEqualTo(peer(alice));
    List<String> got = new ArrayList<>();
    sb.channel().handler(buf -> got.add(buf.toString()));
    sa.channel().write(Buffer.buffer("hello"));
    byte[] big = new byte[200_000];
    sa.channel().write(Buffer.buffer(big));
    assertThat(got.get(0)).isEqualTo("hello");
    assertThat(got.stream().mapToInt(String::length).sum()).isEqualTo(5 + 200_000);
    assertThat(violations).isEmpty();
  }

  @Test
  void dialingTheWrongPeerIdFailsTheHandshake() {
    PipeChannel[] pipe = PipeChannel.pair();
    new NoiseSecurity(Ed25519Keys.generate())
        .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    Future<NoiseSecurity.Secured> a =
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(
                vertx,
                pipe[0],
                true,
                Optional.of(peer(Ed25519Keys.generate())),
                5000,
                violations::add);
    assertThat(reasonOf(a)).isEqualTo(RejectReason.NOISE_PEER_ID_MISMATCH);
  }

  @Test
  void aForgedStaticKeySignatureIsRejected() {
    PipeChannel[] pipe = PipeChannel.pair();
    PrivateKey forger = Ed25519Keys.generate();
    PrivateKey other = Ed25519Keys.generate();
    new NoiseSecurity(forger, other::sign)
        .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    Future<NoiseSecurity.Secured> a =
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[0], true, Optional.empty(), 5000, violations::add);
    assertThat(reasonOf(a)).isEqualTo(RejectReason.NOISE_BAD_SIGNATURE);
  }

  @Test
  void garbageInsteadOfAHandshakeFails() {
    PipeChannel[] pipe = PipeChannel.pair();
    Future<NoiseSecurity.Secured> b =
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    pipe[0].write(Buffer.buffer(new byte[] {0, 3, 1, 2, 3}));
    assertThat(reasonOf(b)).isEqualTo(RejectReason.NOISE_HANDSHAKE_FAILED);
  }

  @Test
  void aTamperedTransportFrameKillsTheChannel() throws Exception {
    PipeChannel[] pipe = PipeChannel.pair();
    Future<NoiseSecurity.Secured> b =
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    get(
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[0], true, Optional.empty(), 5000, violations::add));
    get(b);
    pipe[1].inject(Buffer.buffer(new byte[] {0, 20}).appendBytes(new byte[20]));
    assertThat(violations).containsExactly(RejectReason.NOISE_DECRYPT_FAILED);
    assertThat(pipe[1].isClosed()).isTrue();
  }

  @Test
  void aSliceSpanningSeveralFramesArrivesByteForByte() throws Exception {
    PipeChannel[] pipe = PipeChannel.pair();
    Future<NoiseSecurity.Secured> b =
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    NoiseSecurity.Secured sa =
        get(
            new NoiseSecurity(Ed25519Keys.generate())
                .secure(vertx, pipe[0], true, Optional.empty(), 5000, violations::add));
    NoiseSecurity.Secured sb = get(b);
    byte[] data = new byte[3 * NoiseChannel.MAX_PLAINTEXT + 1_000];
    new java.util.Random(5).nextBytes(data);
    Buffer got = Buffer.buffer();
    sb.channel().handler(got::appendBuffer);
    // A slice with a non-zero offset into a larger buffer: the seal must read only its bytes.
    Buffer wider = Buffer.buffer(new byte[7]).appendBytes(data).appendBytes(new byte[9]);
    sa.channel().write(wider.slice(7, 7 + data.length));
    assertThat(got.getBytes()).isEqualTo(data);
    assertThat(pipe[0].bytesWritten()).isGreaterThan(data.length);
    assertThat(violations).isEmpty();
  }

  @Test
  void aFrameShorterThanItsTagKillsTheChannel() throws Exception {
    PipeChannel[] pipe = PipeChannel.pair();
    Future<NoiseSecurity.Secured> b =
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[1], false, Optional.empty(), 5000, violations::add);
    get(
        new NoiseSecurity(Ed25519Keys.generate())
            .secure(vertx, pipe[0], true, Optional.empty(), 5000, violations::add));
    get(b);
    pipe[1].inject(Buffer.buffer(new byte[] {0, 5, 1, 2, 3, 4, 5}));
    assertThat(violations).containsExactly(RejectReason.NOISE_DECRYPT_FAILED);
    assertThat(pipe[1].isClosed()).isTrue();
  }

  private static PeerId peer(PrivateKey key) {
    return PeerId.fromPublicKey(key.publicKey());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static RejectReason reasonOf(Future<?> f) {
    try {
      get(f);
      throw new AssertionError("expected failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return ((ProtocolViolation) e.getCause()).reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
