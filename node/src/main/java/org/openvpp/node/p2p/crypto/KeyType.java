package org.openvpp.node.p2p.crypto;

import java.util.Optional;

/** The libp2p key types by their protobuf enum number (peer-ids spec). */
public enum KeyType {
  RSA(0),
  ED25519(1),
  SECP256K1(2),
  ECDSA(3);

  private final int number;

  KeyType(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public static Optional<KeyType> of(int number) {
    for (KeyType t : values()) {
      if (t.number == number) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
