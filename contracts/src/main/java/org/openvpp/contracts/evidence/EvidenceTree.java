package org.openvpp.contracts.evidence;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openvpp.contracts.merkle.StandardMerkleTree;

/**
 * The evidence root of one request or epoch: one leaf per device, at most one leaf per device (a
 * device counted twice would be paid twice).
 */
public final class EvidenceTree {
  private final List<EvidenceLeaf> leaves;
  private final StandardMerkleTree tree;

  public EvidenceTree(List<EvidenceLeaf> leaves) {
    this(leaves, true);
  }

  private EvidenceTree(List<EvidenceLeaf> leaves, boolean oneLeafPerDevice) {
    Set<String> devices = new HashSet<>();
    for (EvidenceLeaf leaf : leaves) {
      if (oneLeafPerDevice && !devices.add(leaf.device())) {
        throw new IllegalArgumentException("device appears twice: " + leaf.device());
      }
    }
    this.leaves = List.copyOf(leaves);
    this.tree = StandardMerkleTree.of(this.leaves.stream().map(EvidenceLeaf::abiEncoded).toList());
  }

  /**
   * A tree that may hold a device twice: what a cheating node can post (FraudProofs proves it with
   * challengeDuplicate). Only tests that play the cheater build one.
   */
  public static EvidenceTree allowingDuplicates(List<EvidenceLeaf> leaves) {
    return new EvidenceTree(leaves, false);
  }

  public byte[] root() {
    return tree.root();
  }

  public List<EvidenceLeaf> leaves() {
    return leaves;
  }

  public List<byte[]> proof(int leafIndex) {
    return tree.proof(leafIndex);
  }

  /** Sum of the leaves' delivered Wh: the evidence's deliveredWh. */
  public long deliveredWh() {
    return leaves.stream().mapToLong(EvidenceLeaf::deliveredWh).reduce(0, Math::addExact);
  }
}
