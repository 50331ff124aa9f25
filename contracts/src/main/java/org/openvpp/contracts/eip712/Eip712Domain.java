package org.openvpp.contracts.eip712;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/**
 * An EIP-712 domain with all four fields we always use: name, version, chain id and verifying
 * contract. Every signature in the project binds both the chain and the contract, so a signature
 * made for one deployment is useless on another (cross-chain and cross-contract replay).
 */
public record Eip712Domain(
    String name, String version, BigInteger chainId, String verifyingContract) {

  private static final byte[] DOMAIN_TYPEHASH =
      Eip712.typeHash(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

  public Eip712Domain {
    if (name == null || version == null || chainId == null || chainId.signum() <= 0) {
      throw new IllegalArgumentException("EIP-712 domain needs a name, a version and a chain id");
    }
    verifyingContract = AbiWords.checkAddress(verifyingContract);
  }

  public Eip712Domain(String name, String version, long chainId, String verifyingContract) {
    this(name, version, BigInteger.valueOf(chainId), verifyingContract);
  }

  /** keccak256(abi.encode(EIP712Domain typehash, keccak(name), keccak(version), chainId, addr)). */
  public byte[] separator() {
    return new StructHasher(DOMAIN_TYPEHASH)
        .bytes32(Hash.sha3(name.getBytes(StandardCharsets.UTF_8)))
        .bytes32(Hash.sha3(version.getBytes(StandardCharsets.UTF_8)))
        .uint(chainId)
        .address(verifyingContract)
        .hash();
  }
}
