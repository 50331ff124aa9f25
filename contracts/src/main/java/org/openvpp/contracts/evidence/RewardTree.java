package org.openvpp.contracts.evidence;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.merkle.StandardMerkleTree;

/**
 * A node's cumulative reward root: StandardMerkleTree of {@code (address owner, uint256
 * cumulativeAmount)} over everything each owner has earned through the node so far. Owners claim
 * the difference to what they already claimed, so one proof collects any number of settlements.
 */
public final class RewardTree {
  public static final String[] TYPES = {"address", "uint256"};

  private final SortedMap<String, BigInteger> cumulative;
  private final List<String> owners;
  private final StandardMerkleTree tree;

  public RewardTree(Map<String, BigInteger> cumulativeByOwner) {
    if (cumulativeByOwner.isEmpty()) {
      throw new IllegalArgumentException("a reward tree needs at least one owner");
    }
    SortedMap<String, BigInteger> sorted = new TreeMap<>();
    cumulativeByOwner.forEach((owner, amount) -> sorted.put(AbiWords.checkAddress(owner), amount));
    this.cumulative = Collections.unmodifiableSortedMap(sorted);
    this.owners = List.copyOf(sorted.keySet());
    List<byte[]> values = new ArrayList<>(owners.size());
    for (String owner : owners) {
      values.add(encode(owner, sorted.get(owner)));
    }
    this.tree = StandardMerkleTree.of(values);
  }

  public static byte[] encode(String owner, BigInteger cumulativeAmount) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(AbiWords.address(owner));
    out.writeBytes(AbiWords.uint256(cumulativeAmount));
    return out.toByteArray();
  }

  public byte[] root() {
    return tree.root();
  }

  public Map<String, BigInteger> cumulative() {
    return cumulative;
  }

  /** Sum of all leaves: must equal the rewardTotal posted with the root. */
  public BigInteger total() {
    return cumulative.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  public BigInteger amountOf(String owner) {
    return cumulative.getOrDefault(AbiWords.checkAddress(owner), BigInteger.ZERO);
  }

  public List<byte[]> proof(String owner) {
    int index = owners.indexOf(AbiWords.checkAddress(owner));
    if (index < 0) {
      throw new IllegalArgumentException("owner has no reward leaf: " + owner);
    }
    return tree.proof(index);
  }
}
