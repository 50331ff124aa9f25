package org.openvpp.bridge.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.openvpp.contracts.eip712.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Recovery through libsecp256k1 (ACINQ's JNI binding, native library shipped in the jar). Applies
 * the same acceptance rules as {@link Signatures#recoverAddress} before calling native code.
 */
public final class NativeRecovery implements AddressRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(NativeRecovery.class);

  private final Secp256k1 secp;

  private NativeRecovery(Secp256k1 secp) {
    this.secp = secp;
  }

  /** Loads the native library and checks it against the Java path on a known signature. */
  public static Optional<NativeRecovery> load() {
    try {
      NativeRecovery candidate = new NativeRecovery(Secp256k1.get());
      ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0xC0FFEE));
      byte[] digest = Hash.sha3(new byte[] {1, 2, 3});
      byte[] sig = Signatures.sign(digest, key);
      Optional<String> expected = Signatures.recoverAddress(digest, sig);
      if (!candidate.recover(digest, sig).equals(expected)) {
        LOG.warn("native secp256k1 disagrees with the Java path; using Java recovery");
        return Optional.empty();
      }
      return Optional.of(candidate);
    } catch (RuntimeException | LinkageError e) {
      LOG.info("native secp256k1 not available ({}); using Java recovery", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> recover(byte[] digest, byte[] signature) {
    if (!Signatures.hasAcceptableForm(digest, signature)) {
      return Optional.empty();
    }
    int v = signature[64];
    try {
      byte[] pub = secp.ecdsaRecover(Arrays.copyOf(signature, 64), digest, v - 27);
      if (pub.length == 33) {
        pub = secp.pubkeyParse(pub);
      }
      byte[] hash = Hash.sha3(pub, 1, 64);
      return Optional.of(Numeric.toHexString(hash, 12, 20, true));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "native-libsecp256k1";
  }
}
