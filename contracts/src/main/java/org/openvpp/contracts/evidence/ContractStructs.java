package org.openvpp.contracts.evidence;

import java.math.BigInteger;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.web3j.tuples.generated.Tuple4;

/**
 * The generated wrappers' structs of the evidence types, written once so nothing else has to know
 * the wrappers' field order: what submitEvidence, challenge and claim take.
 */
public final class ContractStructs {
  private ContractStructs() {}

  public static FraudProofs.MeterReading reading(MeterReading r) {
    return new FraudProofs.MeterReading(
        r.device(),
        BigInteger.valueOf(r.sequence()),
        BigInteger.valueOf(r.timestampMs()),
        BigInteger.valueOf(r.importWh()),
        BigInteger.valueOf(r.exportWh()),
        BigInteger.valueOf(r.powerW()),
        BigInteger.valueOf(r.socPermille()));
  }

  public static FraudProofs.SignedReading signed(SignedMeterReading s) {
    return new FraudProofs.SignedReading(reading(s.reading()), s.signature());
  }

  public static FraudProofs.Leaf leaf(EvidenceLeaf l) {
    return new FraudProofs.Leaf(
        l.device(),
        l.owner(),
        l.firstReading(),
        l.lastReading(),
        BigInteger.valueOf(l.baselineWh()),
        BigInteger.valueOf(l.deliveredWh()));
  }

  /**
   * The evidence a node posts: the evidence root, its next cumulative reward root and total, the
   * delivered Wh and the device count, all taken from the tree and the ledger so they agree.
   */
  public static Settlement.Evidence evidence(EvidenceTree tree, RewardLedger next) {
    return new Settlement.Evidence(
        tree.root(),
        next.tree().root(),
        next.total(),
        BigInteger.valueOf(tree.deliveredWh()),
        BigInteger.valueOf(tree.leaves().size()));
  }

  /** FraudProofs.windowOf(submissionId): the window and slack a submission is checked against. */
  public static EvidenceBuilder.Window window(
      Tuple4<BigInteger, BigInteger, BigInteger, BigInteger> windowOf) {
    return new EvidenceBuilder.Window(
        windowOf.component1().longValueExact(),
        windowOf.component2().longValueExact(),
        Direction.ofOrdinal(windowOf.component3().intValueExact()),
        windowOf.component4().longValueExact());
  }

  public static Settlement.Claim claim(RewardClaim c) {
    return new Settlement.Claim(c.node(), c.owner(), c.cumulativeAmount(), c.proof());
  }
}
