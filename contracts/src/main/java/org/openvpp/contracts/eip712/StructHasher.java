package org.openvpp.contracts.eip712;

import java.math.BigInteger;
import org.web3j.crypto.Hash;

/**
 * Builds {@code keccak256(abi.encode(typeHash, field1, field2, ...))} for structs whose fields are
 * all static ABI types (address, uintN, intN, bool, bytes32, enums) — the only kind of struct the
 * project signs. Strings and bytes are passed pre-hashed with {@link #bytes32}, as EIP-712
 * prescribes. Fields must be appended in the order of the type string.
 */
public final class StructHasher {
  private final byte[] buffer;
  private int position;

  public StructHasher(byte[] typeHash) {
    this(typeHash, 16);
  }

  public StructHasher(byte[] typeHash, int maxFields) {
    buffer = new byte[32 * (maxFields + 1)];
    append(AbiWords.bytes32(typeHash));
  }

  public StructHasher address(String address) {
    return append(AbiWords.address(address));
  }

  public StructHasher uint(BigInteger value) {
    return append(AbiWords.uint256(value));
  }

  public StructHasher uint(long value) {
    return append(AbiWords.uint256(value));
  }

  public StructHasher int256(long value) {
    return append(AbiWords.int256(value));
  }

  public StructHasher bool(boolean value) {
    return uint(value ? 1 : 0);
  }

  public StructHasher bytes32(byte[] value) {
    return append(AbiWords.bytes32(value));
  }

  public byte[] hash() {
    return Hash.sha3(buffer, 0, position);
  }

  private StructHasher append(byte[] word) {
    if (position + 32 > buffer.length) {
      throw new IllegalStateException("more fields than declared");
    }
    System.arraycopy(word, 0, buffer, position, 32);
    position += 32;
    return this;
  }
}
