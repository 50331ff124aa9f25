package org.openvpp.node.p2p.noise;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Optional;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.encoding.Bytes;
import org.openvpp.node.p2p.net.ProtocolViolation;

/**
 * The three Noise XX messages ({@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}) for one
 * side. Pure computation: the caller frames and transports the messages.
 */
final class XxHandshake {
  private static final int KEY = 32;
  private final SymmetricState state;
  private final KeyPair staticKey;
  private final KeyPair ephemeral;
  private byte[] remoteEphemeral;
  private byte[] remoteStatic;

  XxHandshake(KeyPair staticKey) {
    this(staticKey, X25519.generate(), new byte[0]);
  }

  /** With a chosen ephemeral key and prologue, as the Noise test vectors need. */
  XxHandshake(KeyPair staticKey, KeyPair ephemeral, byte[] prologue) {
    this.staticKey = staticKey;
    this.ephemeral = ephemeral;
    this.state = new SymmetricState(prologue);
  }

  byte[] handshakeHash() {
    return state.handshakeHash();
  }

  byte[] localStatic() {
    return X25519.publicBytes(staticKey);
  }

  byte[] remoteStatic() {
    return remoteStatic.clone();
  }

  /** Initiator, message 1: our ephemeral key and a plaintext payload (empty in libp2p). */
  byte[] writeMessage1(byte[] payload) {
    byte[] e = X25519.publicBytes(ephemeral);
    state.mixHash(e);
    return Bytes.concat(e, state.encryptAndHash(payload));
  }

  /** Responder reads message 1 and returns its payload. */
  byte[] readMessage1(byte[] message) {
    if (message.length < KEY) {
      throw failed("message 1 too short");
    }
    remoteEphemeral = Arrays.copyOf(message, KEY);
    state.mixHash(remoteEphemeral);
    return decrypt(Arrays.copyOfRange(message, KEY, message.length));
  }

  /** Responder, message 2: ephemeral, encrypted static key, encrypted payload. */
  byte[] writeMessage2(byte[] payload) {
    byte[] e = X25519.publicBytes(ephemeral);
    state.mixHash(e);
    state.mixKey(dh(ephemeral, remoteEphemeral));
    byte[] s = state.encryptAndHash(localStatic());
    state.mixKey(dh(staticKey, remoteEphemeral));
    return Bytes.concat(e, s, state.encryptAndHash(payload));
  }

  /** Initiator reads message 2 and returns the responder's payload. */
  byte[] readMessage2(byte[] message) {
    int sealedStatic = KEY + CipherState.TAG_LENGTH;
    if (message.length < KEY + sealedStatic + CipherState.TAG_LENGTH) {
      throw failed("message 2 too short");
    }
    remoteEphemeral = Arrays.copyOf(message, KEY);
    state.mixHash(remoteEphemeral);
    state.mixKey(dh(ephemeral, remoteEphemeral));
    remoteStatic = decrypt(Arrays.copyOfRange(message, KEY, KEY + sealedStatic));
    state.mixKey(dh(ephemeral, remoteStatic));
    return decrypt(Arrays.copyOfRange(message, KEY + sealedStatic, message.length));
  }

  /** Initiator, message 3: encrypted static key and payload. */
  byte[] writeMessage3(byte[] payload) {
    byte[] s = state.encryptAndHash(localStatic());
    state.mixKey(dh(staticKey, remoteEphemeral));
    return Bytes.concat(s, state.encryptAndHash(payload));
  }

  /** Responder reads message 3 and returns the initiator's payload. */
  byte[] readMessage3(byte[] message) {
    int sealedStatic = KEY + CipherState.TAG_LENGTH;
    if (message.length < sealedStatic + CipherState.TAG_LENGTH) {
      throw failed("message 3 too short");
    }
    remoteStatic = decrypt(Arrays.copyOf(message, sealedStatic));
    state.mixKey(dh(ephemeral, remoteStatic));
    return decrypt(Arrays.copyOfRange(message, sealedStatic, message.length));
  }

  /** Transport ciphers {send, receive} for this side. */
  CipherState[] split(boolean initiator) {
    CipherState[] c = state.split();
    return initiator ? c : new CipherState[] {c[1], c[0]};
  }

  private byte[] decrypt(byte[] ciphertext) {
    Optional<byte[]> p = state.decryptAndHash(ciphertext);
    return p.orElseThrow(() -> failed("decryption failed"));
  }

  private static byte[] dh(KeyPair ours, byte[] theirs) {
    return X25519.dh(ours, theirs).orElseThrow(() -> failed("bad X25519 key"));
  }

  private static ProtocolViolation failed(String why) {
    return new ProtocolViolation(RejectReason.NOISE_HANDSHAKE_FAILED, why);
  }
}
