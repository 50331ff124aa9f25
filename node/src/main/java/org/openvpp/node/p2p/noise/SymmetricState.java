package org.openvpp.node.p2p.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openvpp.node.p2p.encoding.Bytes;

/** Noise SymmetricState for Noise_XX_25519_ChaChaPoly_SHA256 (HKDF over HMAC-SHA256). */
final class SymmetricState {
  static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
  private byte[] ck;
  private byte[] h;
  private CipherState cipher;

  /** libp2p uses an empty prologue. */
  SymmetricState() {
    this(new byte[0]);
  }

  SymmetricState(byte[] prologue) {
    // The name is exactly 32 bytes (HASHLEN), so it is used as is rather than hashed.
    h = PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII);
    ck = h.clone();
    mixHash(prologue);
  }

  /** The handshake hash h (channel binding; test vectors check it). */
  byte[] handshakeHash() {
    return h.clone();
  }

  void mixHash(byte[] data) {
    h = sha256(Bytes.concat(h, data));
  }

  void mixKey(byte[] inputKeyMaterial) {
    byte[][] out = hkdf(ck, inputKeyMaterial);
    ck = out[0];
    cipher = new CipherState(out[1]);
  }

  byte[] encryptAndHash(byte[] plaintext) {
    byte[] out = cipher == null ? plaintext : cipher.encrypt(h, plaintext, 0, plaintext.length);
    mixHash(out);
    return out;
  }

  Optional<byte[]> decryptAndHash(byte[] ciphertext) {
    Optional<byte[]> out = cipher == null ? Optional.of(ciphertext) : cipher.decrypt(h, ciphertext);
    out.ifPresent(p -> mixHash(ciphertext));
    return out;
  }

  boolean hasKey() {
    return cipher != null;
  }

  /** The two transport ciphers: initiator→responder first. */
  CipherState[] split() {
    byte[][] keys = hkdf(ck, new byte[0]);
    return new CipherState[] {new CipherState(keys[0]), new CipherState(keys[1])};
  }

  private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
    byte[] temp = hmac(chainingKey, ikm);
    byte[] out1 = hmac(temp, new byte[] {1});
    byte[] out2 = hmac(temp, Bytes.concat(out1, new byte[] {2}));
    Arrays.fill(temp, (byte) 0);
    return new byte[][] {out1, out2};
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
