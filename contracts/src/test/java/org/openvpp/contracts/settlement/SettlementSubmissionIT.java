package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.EVIDENCE_PERIOD_S;
import static org.openvpp.contracts.settlement.SettlementWorld.PRICE;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Bid;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.crypto.Credentials;

/** Settlement.submitEvidence on a real Anvil: what a submission records, and every rejection. */
@ExtendWith(AnvilExtension.class)
class SettlementSubmissionIT {
  private SettlementWorld w;
  private Credentials winner;
  private Credentials loser;
  private String owner;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    winner = w.nodes.get(0);
    loser = w.nodes.get(1);
    owner = SettlementWorld.freshAddress();
  }

  /** Winner takes the whole request at PRICE; the loser's dearer bid is not needed. */
  private Round round() throws Exception {
    return w.auction(
        Direction.UP,
        1,
        List.of(
            new Bid(winner, SettlementWorld.POWER_W, PRICE),
            new Bid(loser, SettlementWorld.POWER_W, PRICE.multiply(BigInteger.TWO))));
  }

  private Batch batch(Round r) throws Exception {
    return w.forRequest(
        winner,
        r.request(),
        new RewardLedger(),
        List.of(
            w.honest(w.devices.get(0), owner, r.window(), 2_000),
            w.honest(w.devices.get(1), owner, r.window(), 3_000)));
  }

  @Test
  void recordsThePendingSubmissionAndEmitsIt() throws Exception {
    Round r = round();
    w.warpPastEnd(r);
    Batch b = batch(r);
    long block = w.blockNumber() + 1;

    var receipt = w.settlement(winner).submitEvidence(r.request(), b.evidence()).send();

    var event = Settlement.getEvidenceSubmittedEvents(receipt).get(0);
    assertThat(event.submissionId).isEqualTo(BigInteger.ONE);
    assertThat(event.node).isEqualToIgnoringCase(winner.getAddress());
    assertThat(event.subject).isEqualTo(r.request());
    assertThat(event.evidenceRoot).isEqualTo(b.tree().root());
    assertThat(event.rewardRoot).isEqualTo(b.ledger().tree().root());
    assertThat(event.deliveredWh).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(event.deviceCount).isEqualTo(BigInteger.TWO);
    // 5,000 Wh of a 6,000 Wh award at 0.2 FLEX/kWh: paid in proportion.
    assertThat(event.payment).isEqualTo(PRICE.multiply(BigInteger.valueOf(5)));
    assertThat(event.seedBlock).isEqualTo(BigInteger.valueOf(block + 1));

    Settlement.Submission s = w.settlement().getSubmission(event.submissionId).send();
    assertThat(s.status).isEqualTo(BigInteger.ONE); // Pending
    assertThat(s.kind).isEqualTo(BigInteger.ZERO); // Request
    assertThat(s.prev).isZero();
    assertThat(s.payment).isEqualTo(b.payment());
    // The posting block is the stake snapshot the committee will be drawn over.
    assertThat(s.snapshotBlock).isEqualTo(BigInteger.valueOf(block));
    assertThat(s.committeeHash).isEqualTo(new byte[32]);
    assertThat(
            w.settlement().submissionOf(BigInteger.ZERO, r.request(), winner.getAddress()).send())
        .isEqualTo(event.submissionId);
    Settlement.NodeRewards nr = w.settlement().nodeRewards(winner.getAddress()).send();
    assertThat(nr.tip).isEqualTo(event.submissionId);
    assertThat(nr.tipTotal).isEqualTo(b.ledger().total());
    assertThat(nr.claimTotal).isZero(); // nothing is claimable before finalization
    // The owner share is the payment minus the 2 % attestor fee.
    assertThat(b.ledger().total())
        .isEqualTo(
            b.payment()
                .subtract(
                    b.payment()
                        .multiply(BigInteger.valueOf(SettlementWorld.FEE_BPS))
                        .divide(BigInteger.valueOf(10_000))));
  }

  @Test
  void deliveryBeyondTheAwardIsPaidOnlyUpToTheAwardedEnergy() throws Exception {
    Round r = round();
    w.warpPastEnd(r);
    // 4,000 + 4,000 Wh delivered against 6,000 W for one hour: 6 kWh are paid.
    Batch b =
        w.forRequest(
            winner,
            r.request(),
            new RewardLedger(),
            List.of(
                w.honest(w.devices.get(0), owner, r.window(), 4_000),
                w.honest(w.devices.get(1), owner, r.window(), 4_000)));
    BigInteger id = w.submit(winner, r.request(), b);
    Settlement.Submission s = w.settlement().getSubmission(id).send();
    assertThat(s.deliveredWh).isEqualTo(BigInteger.valueOf(8_000));
    assertThat(s.payment).isEqualTo(PRICE.multiply(BigInteger.valueOf(6)));
  }

  @Test
  void rejectsEvidenceBeforeTheWindowEnds() throws Exception {
    Round r = round();
    w.market.warpTo(r.timing().end() - 60);
    Batch b = batch(r);
    var error =
        w.chain.assertReverts(
            () -> w.settlement(winner).submitEvidence(r.request(), b.evidence()).send(),
            "WindowNotEnded");
    assertThat(error.arguments().get(0)).isEqualTo(String.valueOf(r.timing().end()));
  }

  @Test
  void rejectsEvidenceAfterTheEvidencePeriod() throws Exception {
    Round r = round();
    Batch b = batch(r);
    w.market.warpTo(r.timing().end() + EVIDENCE_PERIOD_S);
    var error =
        w.chain.assertReverts(
            () -> w.settlement(winner).submitEvidence(r.request(), b.evidence()).send(),
            "EvidenceTooLate");
    assertThat(error.arguments().get(0))
        .isEqualTo(String.valueOf(r.timing().end() + EVIDENCE_PERIOD_S));
  }

  @Test
  void acceptsEvidenceShortlyBeforeTheEvidencePeriodCloses() throws Exception {
    Round r = round();
    Batch b = batch(r);
    // Chain time follows the wall clock after a warp, so keep a margin of a minute.
    w.market.warpTo(r.timing().end() + EVIDENCE_PERIOD_S - 60);
    assertThat(w.submit(winner, r.request(), b)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void rejectsANodeWithoutAnAward() throws Exception {
    Round r = round();
    w.warpPastEnd(r);
    Batch b = batch(r);
    assertThat(w.coordinator(loser).getAward(r.request(), loser.getAddress()).send().awardedW)
        .isZero();
    w.chain.assertReverts(
        () -> w.settlement(loser).submitEvidence(r.request(), b.evidence()).send(), "NoAward");
    // A node that never bid is no different.
    w.chain.assertReverts(
        () -> w.settlement(w.nodes.get(4)).submitEvidence(r.request(), b.evidence()).send(),
        "NoAward");
  }

  @Test
  void rejectsASecondSubmissionForTheSameAward() throws Exception {
    Round r = round();
    w.warpPastEnd(r);
    Batch b = batch(r);
    BigInteger id = w.submit(winner, r.request(), b);
    // Same evidence, and also a corrected one on top of the first: both refused.
    Batch again = w.forRequest(winner, r.request(), b.ledger(), b.devices());
    var error =
        w.chain.assertReverts(
            () -> w.settlement(winner).submitEvidence(r.request(), again.evidence()).send(),
            "AlreadySubmitted");
    assertThat(error.arguments()).containsExactly(id.toString());
    w.chain.assertReverts(
        () -> w.settlement(winner).submitEvidence(r.request(), b.evidence()).send(),
        "AlreadySubmitted");
  }

  @Test
  void rejectsARewardTotalThatIsNotTipPlusOwnerShare() throws Exception {
    Round r = round();
    w.warpPastEnd(r);
    Batch b = batch(r);
    Settlement.Evidence e = b.evidence();
    for (BigInteger total : List.of(e.rewardTotal.add(BigInteger.ONE), b.payment())) {
      Settlement.Evidence wrong =
          new Settlement.Evidence(
              e.evidenceRoot, e.rewardRoot, total, e.deliveredWh, e.deviceCount);
      var error =
          w.chain.assertReverts(
              () -> w.settlement(winner).submitEvidence(r.request(), wrong).send(),
              "RewardTotalMismatch");
      assertThat(error.arguments()).containsExactly(e.rewardTotal.toString(), total.toString());
    }
  }

  @Test
  void rejectsZeroRootsAndEmptyEvidence() throws Exception {
    Round r = round();
    w.warpPastEnd(r);
    Settlement.Evidence e = batch(r).evidence();
    byte[] zero = new byte[32];
    List<Settlement.Evidence> invalid =
        List.of(
            new Settlement.Evidence(
                zero, e.rewardRoot, e.rewardTotal, e.deliveredWh, e.deviceCount),
            new Settlement.Evidence(
                e.evidenceRoot, zero, e.rewardTotal, e.deliveredWh, e.deviceCount),
            new Settlement.Evidence(
                e.evidenceRoot, e.rewardRoot, e.rewardTotal, e.deliveredWh, BigInteger.ZERO));
    // Settlement.EvidenceFault codes: 0 ZeroRoot, 1 NoDevices.
    List<String> reasons = List.of("0", "0", "1");
    for (int i = 0; i < invalid.size(); i++) {
      Settlement.Evidence bad = invalid.get(i);
      var error =
          w.chain.assertReverts(
              () -> w.settlement(winner).submitEvidence(r.request(), bad).send(),
              "InvalidEvidence");
      assertThat(error.arguments().get(0)).isEqualTo(reasons.get(i));
    }
    assertThat(w.settlement().submissionCount().send()).isZero();
  }
}
