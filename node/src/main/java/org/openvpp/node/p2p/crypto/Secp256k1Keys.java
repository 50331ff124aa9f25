package org.openvpp.node.p2p.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 identity keys (peer-ids spec): compressed 33-byte public keys, 32-byte private keys,
 * signatures are DER-encoded ECDSA over SHA-256 of the message, with low S (BIP-62).
 */
public final class Secp256k1Keys {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
  private static final BigInteger HALF_N = CURVE.getN().shiftRight(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secp256k1Keys() {}

  public static PrivateKey generate() {
    BigInteger d;
    do {
      d = new BigInteger(256, RANDOM);
    } while (d.signum() == 0 || d.compareTo(CURVE.getN()) >= 0);
    return new Priv(d);
  }

  static PrivateKey privateKey(byte[] data) {
    BigInteger d = new BigInteger(1, data);
    if (data.length != 32 || d.signum() == 0 || d.compareTo(CURVE.getN()) >= 0) {
      throw new IllegalArgumentException("invalid secp256k1 private key");
    }
    return new Priv(d);
  }

  static Optional<PublicKey> publicKey(byte[] data) {
    try {
      ECPoint point = CURVE.getCurve().decodePoint(data);
      return point.isValid() && !point.isInfinity()
          ? Optional.of(new Pub(point.normalize()))
          : Optional.empty();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static byte[] sha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Pub(ECPoint point) implements PublicKey {
    @Override
    public KeyType type() {
      return KeyType.SECP256K1;
    }

    @Override
    public byte[] raw() {
      return point.getEncoded(true);
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
      try {
        ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
        if (seq.size() != 2) {
          return false;
        }
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(point, DOMAIN));
        return verifier.verifySignature(sha256(message), r, s);
      } catch (IOException | IllegalArgumentException | ClassCastException e) {
        return false;
      }
    }
  }

  private static final class Priv implements PrivateKey {
    private final BigInteger d;
    private final Pub pub;

    Priv(BigInteger d) {
      this.d = d;
      this.pub = new Pub(CURVE.getG().multiply(d).normalize());
    }

    @Override
    public KeyType type() {
      return KeyType.SECP256K1;
    }

    @Override
    public byte[] raw() {
      byte[] magnitude = d.toByteArray();
      byte[] out = new byte[32];
      int copy = Math.min(32, magnitude.length);
      System.arraycopy(magnitude, magnitude.length - copy, out, 32 - copy, copy);
      return out;
    }

    @Override
    public byte[] sign(byte[] message) {
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, new ECPrivateKeyParameters(d, DOMAIN));
      BigInteger[] rs = signer.generateSignature(sha256(message));
      BigInteger s = rs[1].compareTo(HALF_N) > 0 ? CURVE.getN().subtract(rs[1]) : rs[1];
      try {
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)})
            .getEncoded();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public PublicKey publicKey() {
      return pub;
    }
  }
}
