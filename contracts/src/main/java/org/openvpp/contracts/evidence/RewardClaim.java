package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * What an owner claims from one node: the cumulative amount of its leaf in the node's reward tree
 * and the StandardMerkleTree proof of that leaf, i.e. the arguments of {@code
 * Settlement.claim(node, owner, cumulativeAmount, proof)} and the fields of the wallet's
 * claim-proof file.
 */
public record RewardClaim(
    String node, String owner, BigInteger cumulativeAmount, List<byte[]> proof) {

  public RewardClaim {
    node = AbiWords.checkAddress(node);
    owner = AbiWords.checkAddress(owner);
    Objects.requireNonNull(cumulativeAmount, "cumulativeAmount");
    if (cumulativeAmount.signum() < 0) {
      throw new IllegalArgumentException("cumulativeAmount must not be negative");
    }
    proof = proof.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> proof() {
    return proof.stream().map(byte[]::clone).toList();
  }
}
