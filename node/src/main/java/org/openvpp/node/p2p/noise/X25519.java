package org.openvpp.node.p2p.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/** X25519 through the JDK ("XDH"), converting to and from the 32-byte wire encoding. */
final class X25519 {
  private X25519() {}

  static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks X25519", e);
    }
  }

  /** Little-endian u-coordinate, 32 bytes. */
  static byte[] publicBytes(KeyPair pair) {
    BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
    byte[] be = u.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** Empty when the remote key is malformed or yields the all-zero shared secret. */
  static Optional<byte[]> dh(KeyPair ours, byte[] theirs) {
    if (theirs.length != 32) {
      return Optional.empty();
    }
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = theirs[31 - i];
    }
    be[0] &= 0x7F; // RFC 7748: ignore the most significant bit
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      java.security.PublicKey pub =
          factory.generatePublic(
              new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(ours.getPrivate());
      agreement.doPhase(pub, true);
      return Optional.of(agreement.generateSecret());
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
