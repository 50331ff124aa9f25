package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import java.util.List;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;

/**
 * What a node posts for one request or epoch and keeps to serve attestors and challengers: the
 * per-device windows (signed readings), the evidence tree built from them, the payment it expects,
 * the owners' share of it, the ledger it continues (served to attestors, who recompute the split)
 * and the node's cumulative reward ledger after this batch.
 */
public record EvidenceBatch(
    List<DeviceWindow> windows,
    EvidenceTree tree,
    BigInteger payment,
    BigInteger ownerShare,
    RewardLedger previous,
    RewardLedger ledger) {

  public EvidenceBatch {
    windows = List.copyOf(windows);
    if (windows.size() != tree.leaves().size()) {
      throw new IllegalArgumentException("one window per leaf");
    }
  }

  /**
   * The batch that continues {@code previous} (the node's tip): {@code ownerShare} split over the
   * tree's owners (RewardLedger), so the reward total is what Settlement expects.
   */
  public static EvidenceBatch of(
      List<DeviceWindow> windows,
      EvidenceTree tree,
      BigInteger payment,
      BigInteger ownerShare,
      RewardLedger previous) {
    return new EvidenceBatch(
        windows, tree, payment, ownerShare, previous, previous.plus(ownerShare, tree));
  }

  /**
   * What a contribution epoch pays: {@code deliveredWh × contributionPricePerKWh / 1000}, rounded
   * down, as Settlement.submitContribution computes it.
   */
  public static BigInteger contributionPayment(long deliveredWh, BigInteger pricePerKWh) {
    return BigInteger.valueOf(deliveredWh).multiply(pricePerKWh).divide(BigInteger.valueOf(1000));
  }

  public long deliveredWh() {
    return tree.deliveredWh();
  }

  /** The struct submitEvidence / submitContribution take. */
  public Settlement.Evidence toContract() {
    return ContractStructs.evidence(tree, ledger);
  }

  /** Leaf {@code i} as the contract's struct, for a challenge. */
  public FraudProofs.Leaf leaf(int i) {
    return ContractStructs.leaf(tree.leaves().get(i));
  }

  public List<byte[]> proof(int i) {
    return tree.proof(i);
  }
}
