package org.openvpp.bridge.protocol;

/**
 * The signature scheme named in every signed payload ({@code sigType}). P-256 (EIP-7951) can be
 * added without a protocol version change; a bridge rejects types it does not know.
 */
public enum SignatureType {
  /** secp256k1 ECDSA, 65 bytes r ‖ s ‖ v, low-s, signer = Ethereum address. */
  SECP256K1("secp256k1");

  private final String wireName;

  SignatureType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static java.util.Optional<SignatureType> fromWire(String name) {
    for (SignatureType t : values()) {
      if (t.wireName.equals(name)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
