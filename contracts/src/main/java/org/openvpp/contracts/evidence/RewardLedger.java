package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * A node's running totals per owner, from which each new cumulative reward root is built. A
 * settlement's owner share (payment minus attestor fee) is split in proportion to each owner's
 * delivered Wh in that evidence, rounded down; the rounding dust goes to the owner who delivered
 * most (lowest address on a tie), so the leaves always add up to exactly the total Settlement
 * expects. Attestors recompute this split from the evidence.
 */
public final class RewardLedger {
  private final TreeMap<String, BigInteger> cumulative = new TreeMap<>();
  // Built on first use: a ledger is never changed once plus() returned it.
  private volatile RewardTree tree;

  public RewardLedger() {}

  public RewardLedger(Map<String, BigInteger> start) {
    start.forEach((owner, amount) -> cumulative.put(AbiWords.checkAddress(owner), amount));
  }

  /** Returns a new ledger with {@code ownerShare} split over the evidence's owners. */
  public RewardLedger plus(BigInteger ownerShare, EvidenceTree evidence) {
    TreeMap<String, Long> deliveredByOwner = new TreeMap<>();
    for (EvidenceLeaf leaf : evidence.leaves()) {
      deliveredByOwner.merge(leaf.owner(), leaf.deliveredWh(), Math::addExact);
    }
    long totalWh = deliveredByOwner.values().stream().mapToLong(Long::longValue).sum();
    RewardLedger next = new RewardLedger(cumulative);
    if (ownerShare.signum() == 0) {
      return next;
    }
    if (totalWh == 0) {
      throw new IllegalArgumentException("a positive share needs delivered energy to split by");
    }
    BigInteger paid = BigInteger.ZERO;
    String largest = null;
    for (Map.Entry<String, Long> e : deliveredByOwner.entrySet()) {
      BigInteger part =
          ownerShare.multiply(BigInteger.valueOf(e.getValue())).divide(BigInteger.valueOf(totalWh));
      next.cumulative.merge(e.getKey(), part, BigInteger::add);
      paid = paid.add(part);
      if (largest == null || e.getValue() > deliveredByOwner.get(largest)) {
        largest = e.getKey();
      }
    }
    next.cumulative.merge(largest, ownerShare.subtract(paid), BigInteger::add);
    return next;
  }

  public Map<String, BigInteger> cumulative() {
    return Map.copyOf(cumulative);
  }

  public BigInteger total() {
    return cumulative.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  public boolean isEmpty() {
    return cumulative.isEmpty();
  }

  /** The reward tree of this ledger (a ledger with no owner has none). */
  public RewardTree tree() {
    RewardTree t = tree;
    if (t == null) {
      t = new RewardTree(cumulative);
      tree = t;
    }
    return t;
  }

  /** The reward root the node posts with this ledger. */
  public byte[] root() {
    return tree().root();
  }

  /**
   * {@code owner}'s claim against {@code node}'s root of this ledger: its cumulative amount and
   * proof; empty when the owner has no leaf.
   */
  public Optional<RewardClaim> claim(String node, String owner) {
    String o = AbiWords.checkAddress(owner);
    if (!cumulative.containsKey(o)) {
      return Optional.empty();
    }
    RewardTree t = tree();
    return Optional.of(new RewardClaim(node, o, t.amountOf(o), t.proof(o)));
  }

  /** Every owner with a leaf, in address order. */
  public List<String> owners() {
    return List.copyOf(cumulative.keySet());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RewardLedger other && cumulative.equals(other.cumulative);
  }

  @Override
  public int hashCode() {
    return cumulative.hashCode();
  }

  @Override
  public String toString() {
    return "RewardLedger" + cumulative;
  }
}
