package org.openvpp.testnet.round;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.openvpp.contracts.evidence.Delivery;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;

/**
 * What a node posts for one request or epoch, and everything it keeps to serve attestors and
 * challengers: the per-device windows (signed readings), the evidence tree, the payment it expects,
 * the owners' share and the node's cumulative reward ledger after this batch.
 */
public record EvidenceBatch(
    List<MeterDevice.Window> windows,
    EvidenceTree tree,
    BigInteger payment,
    BigInteger ownerShare,
    RewardLedger ledger) {

  /** One leaf per window, with the delivery computed from the signed readings. */
  public static EvidenceTree tree(List<MeterDevice.Window> windows) {
    List<EvidenceLeaf> leaves = new ArrayList<>(windows.size());
    for (MeterDevice.Window w : windows) {
      long delivered =
          Delivery.deliveredWh(
              w.first().reading(), w.last().reading(), w.baselineWh(), w.direction());
      leaves.add(
          new EvidenceLeaf(
              w.device().address(),
              w.device().owner(),
              w.first().digest(),
              w.last().digest(),
              w.baselineWh(),
              delivered));
    }
    return new EvidenceTree(leaves);
  }

  public long deliveredWh() {
    return tree.deliveredWh();
  }

  /** The struct submitEvidence / submitContribution take. */
  public Settlement.Evidence toContract() {
    return new Settlement.Evidence(
        tree.root(),
        ledger.tree().root(),
        ledger.total(),
        BigInteger.valueOf(deliveredWh()),
        BigInteger.valueOf(windows.size()));
  }

  /** Leaf {@code i} as the contract's struct, for a challenge. */
  public FraudProofs.Leaf leaf(int i) {
    EvidenceLeaf l = tree.leaves().get(i);
    return new FraudProofs.Leaf(
        l.device(),
        l.owner(),
        l.firstReading(),
        l.lastReading(),
        BigInteger.valueOf(l.baselineWh()),
        BigInteger.valueOf(l.deliveredWh()));
  }
}
