package org.openvpp.node.p2p.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 identity keys through BouncyCastle (its verify is several times faster than the JDK's,
 * which matters for gossip). Private key data is {@code seed || public} (64 bytes); the legacy
 * 96-byte form with a repeated public key is accepted when both copies agree.
 */
public final class Ed25519Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ed25519Keys() {}

  public static PrivateKey generate() {
    return new Priv(new Ed25519PrivateKeyParameters(RANDOM));
  }

  /** From the 32-byte seed. */
  public static PrivateKey fromSeed(byte[] seed) {
    return new Priv(new Ed25519PrivateKeyParameters(seed, 0));
  }

  static PrivateKey privateKey(byte[] data) {
    if (data.length != 64 && data.length != 96) {
      throw new IllegalArgumentException("Ed25519 private key must be 64 bytes: " + data.length);
    }
    Priv key = new Priv(new Ed25519PrivateKeyParameters(data, 0));
    byte[] embedded = Arrays.copyOfRange(data, 32, 64);
    boolean legacyOk =
        data.length == 64 || Arrays.equals(embedded, Arrays.copyOfRange(data, 64, 96));
    if (!legacyOk || !Arrays.equals(embedded, key.publicKey().raw())) {
      throw new IllegalArgumentException("Ed25519 private key does not match its public key");
    }
    return key;
  }

  static Optional<PublicKey> publicKey(byte[] data) {
    if (data.length != 32) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Pub(new Ed25519PublicKeyParameters(data, 0)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private record Pub(Ed25519PublicKeyParameters key) implements PublicKey {
    @Override
    public KeyType type() {
      return KeyType.ED25519;
    }

    @Override
    public byte[] raw() {
      return key.getEncoded();
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
      if (signature.length != 64) {
        return false;
      }
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, key);
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    }
  }

  private static final class Priv implements PrivateKey {
    private final Ed25519PrivateKeyParameters key;
    private final Pub pub;

    Priv(Ed25519PrivateKeyParameters key) {
      this.key = key;
      this.pub = new Pub(key.generatePublicKey());
    }

    @Override
    public KeyType type() {
      return KeyType.ED25519;
    }

    @Override
    public byte[] raw() {
      byte[] out = new byte[64];
      key.encode(out, 0);
      System.arraycopy(pub.raw(), 0, out, 32, 32);
      return out;
    }

    @Override
    public byte[] sign(byte[] message) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key);
      signer.update(message, 0, message.length);
      return signer.generateSignature();
    }

    @Override
    public PublicKey publicKey() {
      return pub;
    }
  }
}
