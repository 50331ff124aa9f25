package org.openvpp.contracts.eip712;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** The two hashing rules of EIP-712 that every typed message of the project shares. */
public final class Eip712 {
  private Eip712() {}

  /** keccak256 of the canonical type string, e.g. {@code "Bind(address owner,uint256 nonce)"}. */
  public static byte[] typeHash(String encodedType) {
    return Hash.sha3(encodedType.getBytes(StandardCharsets.US_ASCII));
  }

  /** The digest that is signed: keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash). */
  public static byte[] digest(byte[] domainSeparator, byte[] structHash) {
    if (domainSeparator.length != 32 || structHash.length != 32) {
      throw new IllegalArgumentException("domain separator and struct hash must be 32 bytes");
    }
    byte[] message = new byte[66];
    message[0] = 0x19;
    message[1] = 0x01;
    System.arraycopy(domainSeparator, 0, message, 2, 32);
    System.arraycopy(structHash, 0, message, 34, 32);
    return Hash.sha3(message);
  }

  /** Convenience: the digest of a struct under a domain. */
  public static byte[] digest(Eip712Domain domain, byte[] structHash) {
    return digest(domain.separator(), structHash);
  }
}
