package org.openvpp.bridge.crypto;

import java.util.Optional;
import org.openvpp.contracts.eip712.Signatures;

/** Pure-Java recovery (Web3j / BouncyCastle) through {@link Signatures#recoverAddress}. */
public final class JavaRecovery implements AddressRecovery {
  @Override
  public Optional<String> recover(byte[] digest, byte[] signature) {
    return Signatures.recoverAddress(digest, signature);
  }

  @Override
  public String name() {
    return "java";
  }
}
