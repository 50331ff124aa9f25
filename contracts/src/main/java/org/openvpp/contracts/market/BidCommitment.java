package org.openvpp.contracts.market;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.openvpp.contracts.eip712.AbiWords;
import org.web3j.crypto.Hash;

/**
 * The sealed bid a node commits: {@code keccak256(abi.encode(requestId, node, powerW, pricePerKWh,
 * salt))}, as FlexibilityCoordinator.bidCommitment. The salt must be 32 random bytes kept until the
 * reveal; without it nobody can test guesses of the price against the commitment.
 */
public final class BidCommitment {
  private BidCommitment() {}

  public static byte[] of(
      BigInteger requestId, String node, long powerW, BigInteger pricePerKWh, byte[] salt) {
    if (salt.length != 32) {
      throw new IllegalArgumentException("salt must be 32 bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(5 * 32);
    out.writeBytes(AbiWords.uint256(requestId));
    out.writeBytes(AbiWords.address(node));
    out.writeBytes(AbiWords.uint256(powerW));
    out.writeBytes(AbiWords.uint256(pricePerKWh));
    out.writeBytes(salt);
    return Hash.sha3(out.toByteArray());
  }
}
