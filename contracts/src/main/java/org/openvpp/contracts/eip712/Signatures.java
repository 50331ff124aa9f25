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
  private static final BigInteger HALF_N =
      new BigInteger("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", 16);

  private Signatures() {}

  public static byte[] sign(byte[] digest, ECKeyPair key) {
    Sign.SignatureData s = Sign.signMessage(digest, key, false);
    byte[] out = new byte[65];
    System.arraycopy(s.getR(), 0, out, 0, 32);
    System.arraycopy(s.getS(), 0, out, 32, 32);
    out[64] = s.getV()[0];
    return out;
  }

  /** The signer's address (lower-case 0x hex), or empty if the signature is invalid. */
  public static Optional<String> recoverAddress(byte[] digest, byte[] signature) {
    if (digest.length != 32 || signature == null || signature.length != 65) {
      return Optional.empty();
    }
    byte v = signature[64];
    if (v != 27 && v != 28) {
      return Optional.empty();
    }
    byte[] r = Arrays.copyOfRange(signature, 0, 32);
    byte[] s = Arrays.copyOfRange(signature, 32, 64);
    BigInteger sValue = new BigInteger(1, s);
    if (sValue.signum() == 0
        || sValue.compareTo(HALF_N) > 0
        || new BigInteger(1, r).signum() == 0) {
      return Optional.empty();
    }
    try {
      BigInteger publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
      return Optional.of(Numeric.prependHexPrefix(Keys.getAddress(publicKey)));
    } catch (SignatureException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
