package org.openvpp.contracts.eip712;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * secp256k1 signatures over 32-byte digests in the 65-byte {@code r ‖ s ‖ v} form that
 * OpenZeppelin's ECDSA.recover accepts (v = 27 or 28). Recovery rejects malleable signatures (s in
 * the upper half of the curve order), exactly as ECDSA.recover does on-chain.
 */
public final class Signatures {
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  private static final BigInteger HALF_N = N.shiftRight(1);

  private Signatures() {}

  public static byte[] sign(byte[] digest, ECKeyPair key) {
    Sign.SignatureData s = Sign.signMessage(digest, key, false);
    byte[] out = new byte[65];
    System.arraycopy(s.getR(), 0, out, 0, 32);
    System.arraycopy(s.getS(), 0, out, 32, 32);
    out[64] = s.getV()[0];
    return out;
  }

  /**
   * The checks OpenZeppelin's ECDSA.recover makes before recovering: a 32-byte digest, a 65-byte
   * signature, v of 27 or 28, 0 &lt; r &lt; n and 0 &lt; s ≤ n/2 (no malleable twin). Every
   * recovery path of the project (pure Java here, native in the bridge) applies exactly these.
   */
  public static boolean hasAcceptableForm(byte[] digest, byte[] signature) {
    if (digest == null || digest.length != 32 || signature == null || signature.length != 65) {
      return false;
    }
    byte v = signature[64];
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    return (v == 27 || v == 28)
        && r.signum() > 0
        && r.compareTo(N) < 0
        && s.signum() > 0
        && s.compareTo(HALF_N) <= 0;
  }

  /** The signer's address (lower-case 0x hex), or empty if the signature is invalid. */
  public static Optional<String> recoverAddress(byte[] digest, byte[] signature) {
    if (!hasAcceptableForm(digest, signature)) {
      return Optional.empty();
    }
    byte[] r = Arrays.copyOfRange(signature, 0, 32);
    byte[] s = Arrays.copyOfRange(signature, 32, 64);
    try {
      BigInteger publicKey =
          Sign.signedMessageHashToKey(digest, new Sign.SignatureData(signature[64], r, s));
      return Optional.of(Numeric.prependHexPrefix(Keys.getAddress(publicKey)));
    } catch (SignatureException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
