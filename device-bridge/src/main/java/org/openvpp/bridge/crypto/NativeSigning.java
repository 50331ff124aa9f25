package org.openvpp.bridge.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;
import java.util.Optional;
import org.openvpp.contracts.eip712.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * secp256k1 signing through libsecp256k1 (RFC 6979, low s), producing the same 65-byte r ‖ s ‖ v as
 * {@link Signatures#sign}. Used only after {@link #forKey} checked that both paths give the same
 * bytes for this key.
 */
public final class NativeSigning {
  private static final Logger LOG = LoggerFactory.getLogger(NativeSigning.class);

  private final Secp256k1 secp;
  private final byte[] privateKey;
  private final byte[] publicKey;

  private NativeSigning(Secp256k1 secp, byte[] privateKey) {
    this.secp = secp;
    this.privateKey = privateKey;
    this.publicKey = secp.pubkeyCreate(privateKey);
  }

  /** A native signer for this key if the library loads and agrees with the Java path. */
  public static Optional<NativeSigning> forKey(ECKeyPair key) {
    try {
      NativeSigning candidate =
          new NativeSigning(Secp256k1.get(), Numeric.toBytesPadded(key.getPrivateKey(), 32));
      byte[] probe = org.web3j.crypto.Hash.sha3(new byte[] {42});
      if (!Arrays.equals(candidate.sign(probe), Signatures.sign(probe, key))) {
        LOG.warn("native secp256k1 signature differs from the Java path; signing in Java");
        return Optional.empty();
      }
      return Optional.of(candidate);
    } catch (RuntimeException | LinkageError e) {
      LOG.info("native secp256k1 signing not available ({}); signing in Java", e.toString());
      return Optional.empty();
    }
  }

  public byte[] sign(byte[] digest) {
    byte[] compact = secp.sign(digest, privateKey);
    byte[] out = Arrays.copyOf(compact, 65);
    for (int recid = 0; recid < 2; recid++) {
      byte[] recovered = secp.ecdsaRecover(compact, digest, recid);
      byte[] uncompressed = recovered.length == 33 ? secp.pubkeyParse(recovered) : recovered;
      if (Arrays.equals(uncompressed, publicKey)) {
        out[64] = (byte) (27 + recid);
        return out;
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signer's key");
  }
}
