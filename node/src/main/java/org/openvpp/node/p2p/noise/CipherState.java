package org.openvpp.node.p2p.noise;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Noise CipherState over the JDK's ChaCha20-Poly1305: a key and a 64-bit counter nonce. */
final class CipherState {
  static final int TAG_LENGTH = 16;
  private final SecretKeySpec key;
  private final Cipher cipher;
  private long nonce;

  CipherState(byte[] key) {
    this.key = new SecretKeySpec(key, "ChaCha20");
    try {
      this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks ChaCha20-Poly1305", e);
    }
  }

  byte[] encrypt(byte[] ad, byte[] plaintext, int offset, int length) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
      if (ad.length > 0) {
        cipher.updateAAD(ad);
      }
      return cipher.doFinal(plaintext, offset, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /**
   * Transport-message encryption without associated data, written straight into {@code out} at
   * {@code outOffset} (no intermediate arrays: the stream path moves every byte through here).
   *
   * @return the bytes written: the plaintext's length plus the tag
   */
  int encryptInto(ByteBuffer plaintext, byte[] out, int outOffset) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
      return cipher.doFinal(plaintext, ByteBuffer.wrap(out, outOffset, out.length - outOffset));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /**
   * Transport-message decryption without associated data from a slice of {@code in}; empty when
   * authentication fails (the nonce is still consumed, as Noise requires).
   */
  Optional<byte[]> decrypt(byte[] in, int offset, int length) {
    if (length < TAG_LENGTH) {
      nextNonce();
      return Optional.empty();
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
      byte[] plain = new byte[length - TAG_LENGTH];
      cipher.doFinal(in, offset, length, plain, 0);
      return Optional.of(plain);
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Empty when authentication fails (the nonce is still consumed, as Noise requires). */
  Optional<byte[]> decrypt(byte[] ad, byte[] ciphertext) {
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
      if (ad.length > 0) {
        cipher.updateAAD(ad);
      }
      return Optional.of(cipher.doFinal(ciphertext));
    } catch (javax.crypto.AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** 96-bit nonce: 32 zero bits then the counter little-endian (Noise spec, ChaChaPoly). */
  private IvParameterSpec nextNonce() {
    if (nonce == -1L) {
      throw new IllegalStateException("nonce exhausted");
    }
    byte[] iv = new byte[12];
    long n = nonce++;
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (n >>> (8 * i));
    }
    return new IvParameterSpec(iv);
  }
}
