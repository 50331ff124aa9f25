package org.openvpp.node.p2p.noise;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.KeyCodec;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.crypto.PublicKey;
import org.openvpp.node.p2p.encoding.Bytes;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.Channel;
import org.openvpp.node.p2p.net.ProtocolViolation;

/**
 * libp2p's {@code /noise} security: an XX handshake whose payloads carry each side's identity key
 * and its signature over the Noise static key, binding the encrypted channel to a peer id.
 */
public final class NoiseSecurity {
  public static final String PROTOCOL = "/noise";
  private static final byte[] SIGNATURE_PREFIX =
      "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey identity;
  private final UnaryOperator<byte[]> staticKeySigner;

  public NoiseSecurity(PrivateKey identity) {
    this(identity, identity::sign);
  }

  /** With a custom signer of the static-key message; tests use it to forge bad signatures. */
  public NoiseSecurity(PrivateKey identity, UnaryOperator<byte[]> staticKeySigner) {
    this.identity = identity;
    this.staticKeySigner = staticKeySigner;
  }

  /** The authenticated result: the encrypted channel and who is on the other end. */
  public record Secured(NoiseChannel channel, PeerId remotePeer, PublicKey remoteKey) {}

  /**
   * Runs the handshake on {@code raw}. Fails with a {@link ProtocolViolation} naming the reason.
   *
   * @param expected the peer id we dialed (initiator); empty when accepting
   */
  public Future<Secured> secure(
      Vertx vertx,
      Channel raw,
      boolean initiator,
      Optional<PeerId> expected,
      long timeoutMs,
      Consumer<RejectReason> onViolation) {
    Promise<Secured> result = Promise.promise();
    XxHandshake hs = new XxHandshake(X25519.generate());
    ByteQueue queue = new ByteQueue();
    int[] step = {0};
    long timer =
        vertx.setTimer(
            timeoutMs, t -> result.tryFail(new ProtocolViolation(RejectReason.TIMEOUT, "noise")));
    raw.endHandler(
        () ->
            result.tryFail(
                new ProtocolViolation(RejectReason.NOISE_HANDSHAKE_FAILED, "closed in handshake")));
    if (initiator) {
      send(raw, hs.writeMessage1(new byte[0]));
    }
    raw.handler(
        data -> {
          queue.append(data);
          try {
            while (!result.future().isComplete()) {
              Optional<byte[]> m = queue.takeUint16Prefixed();
              if (m.isEmpty()) {
                break;
              }
              onMessage(raw, hs, initiator, step[0]++, m.get(), expected, onViolation, result);
            }
          } catch (ProtocolViolation e) {
            result.tryFail(e);
          }
          if (result.future().failed()) {
            vertx.cancelTimer(timer);
            raw.handler(null);
          } else if (result.future().succeeded()) {
            vertx.cancelTimer(timer);
            raw.unread(queue.takeAll()); // bytes after the handshake belong to the NoiseChannel
          }
        });
    return result.future();
  }

  private void onMessage(
      Channel raw,
      XxHandshake hs,
      boolean initiator,
      int step,
      byte[] message,
      Optional<PeerId> expected,
      Consumer<RejectReason> onViolation,
      Promise<Secured> result) {
    if (initiator && step == 0) {
      Authenticated remote = authenticate(hs.readMessage2(message), hs.remoteStatic(), expected);
      send(raw, hs.writeMessage3(ourPayload(hs)));
      result.tryComplete(finish(raw, hs, true, remote, onViolation));
    } else if (!initiator && step == 0) {
      hs.readMessage1(message);
      send(raw, hs.writeMessage2(ourPayload(hs)));
    } else if (!initiator && step == 1) {
      Authenticated remote = authenticate(hs.readMessage3(message), hs.remoteStatic(), expected);
      result.tryComplete(finish(raw, hs, false, remote, onViolation));
    } else {
      throw new ProtocolViolation(RejectReason.NOISE_HANDSHAKE_FAILED, "unexpected message");
    }
  }

  private record Authenticated(PeerId peer, PublicKey key) {}

  private static Secured finish(
      Channel raw,
      XxHandshake hs,
      boolean initiator,
      Authenticated remote,
      Consumer<RejectReason> onViolation) {
    raw.handler(null);
    CipherState[] ciphers = hs.split(initiator);
    return new Secured(
        new NoiseChannel(raw, ciphers[0], ciphers[1], onViolation), remote.peer(), remote.key());
  }

  private byte[] ourPayload(XxHandshake hs) {
    byte[] sig = staticKeySigner.apply(Bytes.concat(SIGNATURE_PREFIX, hs.localStatic()));
    return new HandshakePayload(identity.publicKey().marshal(), sig).encode();
  }

  private static Authenticated authenticate(
      byte[] payloadBytes, byte[] remoteStatic, Optional<PeerId> expected) {
    HandshakePayload payload =
        HandshakePayload.decode(payloadBytes)
            .orElseThrow(
                () -> new ProtocolViolation(RejectReason.NOISE_HANDSHAKE_FAILED, "bad payload"));
    PublicKey key =
        KeyCodec.decodePublic(payload.identityKey())
            .orElseThrow(
                () ->
                    new ProtocolViolation(RejectReason.NOISE_HANDSHAKE_FAILED, "unsupported key"));
    if (!key.verify(Bytes.concat(SIGNATURE_PREFIX, remoteStatic), payload.identitySignature())) {
      throw new ProtocolViolation(RejectReason.NOISE_BAD_SIGNATURE, "static key signature");
    }
    PeerId peer = PeerId.fromPublicKey(key);
    if (expected.isPresent() && !expected.get().equals(peer)) {
      throw new ProtocolViolation(
          RejectReason.NOISE_PEER_ID_MISMATCH, "expected " + expected.get() + " got " + peer);
    }
    return new Authenticated(peer, key);
  }

  private static void send(Channel raw, byte[] message) {
    raw.write(
        Buffer.buffer(message.length + 2).appendUnsignedShort(message.length).appendBytes(message));
  }
}
