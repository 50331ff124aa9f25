package org.openvpp.bridge.crypto;

import java.util.Optional;

/**
 * Recovers the signer's address from a 32-byte digest and a 65-byte r ‖ s ‖ v signature, with the
 * rules of OpenZeppelin's ECDSA.recover (v 27/28, low s, non-zero r and s).
 */
public interface AddressRecovery {
  Optional<String> recover(byte[] digest, byte[] signature);

  /** A name for logs and benchmarks. */
  String name();

  /** The native libsecp256k1 binding if it loads and agrees with the Java path, else Java. */
  static AddressRecovery fastest() {
    return NativeRecovery.load().<AddressRecovery>map(n -> n).orElseGet(JavaRecovery::new);
  }
}
