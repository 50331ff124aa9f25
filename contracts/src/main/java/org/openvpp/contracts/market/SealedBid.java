package org.openvpp.contracts.market;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * A node's offer on one request together with the salt that seals it: {@link #commitment()} goes
 * on-chain with commitBid, the rest is kept (durably, by the node) until revealBid, which must
 * repeat every field.
 */
public record SealedBid(
    BigInteger requestId, String node, long powerW, BigInteger pricePerKWh, byte[] salt) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public SealedBid {
    Objects.requireNonNull(requestId, "requestId");
    node = AbiWords.checkAddress(node);
    Objects.requireNonNull(pricePerKWh, "pricePerKWh");
    if (requestId.signum() < 0 || powerW <= 0 || pricePerKWh.signum() < 0) {
      throw new IllegalArgumentException("need requestId >= 0, powerW > 0 and price >= 0");
    }
    if (salt == null || salt.length != 32) {
      throw new IllegalArgumentException("salt must be 32 bytes");
    }
    salt = salt.clone();
  }

  /** Seals an offer with 32 fresh random bytes. */
  public static SealedBid seal(
      BigInteger requestId, String node, long powerW, BigInteger pricePerKWh) {
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    return new SealedBid(requestId, node, powerW, pricePerKWh, salt);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** keccak256(abi.encode(requestId, node, powerW, pricePerKWh, salt)), as the coordinator. */
  public byte[] commitment() {
    return BidCommitment.of(requestId, node, powerW, pricePerKWh, salt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedBid other
        && requestId.equals(other.requestId)
        && node.equals(other.node)
        && powerW == other.powerW
        && pricePerKWh.equals(other.pricePerKWh)
        && Arrays.equals(salt, other.salt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, node, powerW, pricePerKWh, Arrays.hashCode(salt));
  }

  /** Never prints the salt: whoever holds it can reveal (or guess-test) the price. */
  @Override
  public String toString() {
    return "SealedBid[request " + requestId + ", node " + node + ", " + powerW + " W]";
  }
}
