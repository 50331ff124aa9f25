package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.crypto.Credentials;

/**
 * A pending root that outlives its award's settlement deadline (the coordinator's settlement
 * period, seven days after the window by default): what still works and what does not.
 */
@ExtendWith(AnvilExtension.class)
class SettlementDeadlineIT {
  private SettlementWorld w;
  private Credentials node;
  private String owner;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(0);
    owner = SettlementWorld.freshAddress();
  }

  /** A pending submission whose only leaf claims 500 Wh more than its readings show. */
  private Posted inflated(Round r) throws Exception {
    Credentials device = w.devices.get(0);
    MeterReading a = SettlementWorld.firstReading(device, r.window());
    MeterReading b = SettlementWorld.lastReading(device, r.window(), 3_000, Direction.UP);
    DeviceEvidence leaf = w.leaf(device, owner, a, b, 0, 3_500);
    return w.post(
        node, r.request(), w.forRequest(node, r.request(), new RewardLedger(), List.of(leaf)));
  }

  private void passSettlementDeadline(Round r) throws Exception {
    long deadline = w.coordinator(node).settlementDeadline(r.request()).send().longValueExact();
    w.market.warpTo(deadline + 1);
  }

  @Test
  void aRootFinalizedAfterTheSettlementDeadlineIsRefusedAndTheEscrowGoesBack() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Posted p =
        w.post(
            node,
            r.request(),
            w.forRequest(
                node,
                r.request(),
                new RewardLedger(),
                List.of(w.honest(w.devices.get(0), owner, r.window(), 3_000))));
    passSettlementDeadline(r);
    w.chain.assertReverts(
        () -> w.finalizeWithQuorum(p.id(), p.committee(), p.batch()), "SettlementClosed");
    w.coordinator(w.challenger).releaseEscrow(r.request()).send();
    assertThat(w.coordinator(node).owed(w.requester.getAddress()).send()).isPositive();
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.ONE);
  }

  /**
   * Settlement documents a pending root as challengeable until it finalizes, but challenge() closes
   * the award through coordinator.settleAward(…, 0), which reverts once the settlement deadline has
   * passed (or the escrow was released): the fraud can no longer be proven.
   */
  @Test
  void fraudInAPendingRootStaysProvableAfterTheSettlementDeadline() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Posted p = inflated(r);
    passSettlementDeadline(r);
    DeviceEvidence leaf = p.batch().devices().get(0);
    var receipt =
        w.challenge(
            w.challenger, p.id(), p.batch().leaf(0), p.batch().proof(0), leaf.first(), leaf.last());
    assertThat(FraudProofs.getFraudProvenEvents(receipt)).hasSize(1);
  }

  /**
   * A root that missed its deadline can never finalize; anyone expires it (SettlementClosed), which
   * resets the node's chain. A later root already built on the stale one is superseded and may be
   * posted again on the last final ledger while its own award can still be paid.
   */
  @Test
  void aStaleRootIsExpiredAndNoLongerBlocksTheNodesLaterSubmissions() throws Exception {
    Round first = w.win(node);
    w.warpPastEnd(first);
    Posted stale = inflated(first);
    Round second = w.win(node);
    w.warpPastEnd(second);
    // Built on the stale root's ledger, as the node's tip still included it.
    Batch onTip =
        w.forRequest(
            node,
            second.request(),
            stale.batch().ledger(),
            List.of(w.honest(w.devices.get(1), owner, second.window(), 3_000)));
    Posted blocked = w.post(node, second.request(), onTip);
    w.chain.assertReverts(() -> w.settlement().expire(stale.id()).send(), "NotExpirable");
    passSettlementDeadline(first);
    w.chain.assertReverts(
        () -> w.finalizeWithQuorum(blocked.id(), blocked.committee(), onTip),
        "PredecessorNotFinal");

    var receipt = w.settlement(w.challenger).expire(stale.id()).send();
    var expired = Settlement.getSubmissionExpiredEvents(receipt).get(0);
    assertThat(expired.reason).isEqualTo(BigInteger.ONE); // SettlementClosed
    assertThat(w.settlement().getSubmission(stale.id()).send().status)
        .isEqualTo(BigInteger.valueOf(4)); // Expired
    // The later root is of the old generation now: expire it as superseded, or just repost.
    Batch clean = w.forRequest(node, second.request(), new RewardLedger(), onTip.devices());
    var repost = w.settlement(node).submitEvidence(second.request(), clean.evidence()).send();
    // The replaced root expires with an event like any other expiry (issue 10, item 10).
    var superseded = Settlement.getSubmissionExpiredEvents(repost).get(0);
    assertThat(superseded.submissionId).isEqualTo(blocked.id());
    assertThat(superseded.reason).isZero(); // Superseded
    BigInteger againId = Settlement.getEvidenceSubmittedEvents(repost).get(0).submissionId;
    w.finalizeWithQuorum(againId, w.draw(againId), clean);
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().lastFinalized)
        .isEqualTo(againId);
    assertThat(w.settlement().getSubmission(blocked.id()).send().status)
        .isEqualTo(BigInteger.valueOf(4));
    // An expired root cannot be expired again, a finalized one never.
    w.chain.assertReverts(() -> w.settlement().expire(stale.id()).send(), "NotPending");
    w.chain.assertReverts(() -> w.settlement().expire(againId).send(), "NotPending");
  }
}
