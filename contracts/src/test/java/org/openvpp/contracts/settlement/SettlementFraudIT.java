package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.FRAUD_SLASH;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.deploy.MarketParameters;
import org.openvpp.contracts.evidence.Delivery;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Bid;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;

/**
 * Proven fraud: every Fraud reason voids the root, slashes the node, pays the challenger its share
 * and credits the rest to the requester, closes the award unpaid and refunds the escrow; later
 * roots of the node die with its generation.
 */
class SettlementFraudIT extends ChallengeTestBase {

  /**
   * How a leaf commits fraud, and the Settlement.Fraud reason (its ordinal) a challenge proves.
   * Each case misses the rule by the smallest step (1 Wh, 1 ms, one sequence number).
   */
  enum Fraud {
    UNKNOWN_DEVICE(1),
    SEQUENCE_NOT_INCREASING(2),
    TIME_NOT_INCREASING(3),
    IMPORT_REGISTER_DECREASED(4),
    EXPORT_REGISTER_DECREASED(4),
    FIRST_READING_BEFORE_WINDOW(5),
    LAST_READING_AFTER_WINDOW(5),
    DELIVERY_MISMATCH(6),
    ABOVE_RATED_POWER(7),
    BASELINE_ABOVE_RATED_POWER(8);

    final int reason;

    Fraud(int reason) {
      this.reason = reason;
    }
  }

  /** A leaf that commits {@code fraud}: genuinely signed readings, a claimed delivery. */
  private DeviceEvidence fraudulent(Fraud fraud, Window win) {
    Credentials key = fraud == Fraud.UNKNOWN_DEVICE ? Oem.newDeviceKey() : w.devices.get(1);
    MeterReading a = SettlementWorld.firstReading(key, win);
    MeterReading b = SettlementWorld.lastReading(key, win, MOVED_WH, Direction.UP);
    long claimed = MOVED_WH;
    long slack = SettlementWorld.SLACK_MS;
    switch (fraud) {
      case SEQUENCE_NOT_INCREASING -> b = withSequence(b, a.sequence());
      case TIME_NOT_INCREASING -> b = withTime(b, a.timestampMs());
      case IMPORT_REGISTER_DECREASED -> b = withRegisters(b, a.importWh() - 1, b.exportWh());
      case EXPORT_REGISTER_DECREASED -> b = withRegisters(b, b.importWh(), a.exportWh() - 1);
      case FIRST_READING_BEFORE_WINDOW -> a = withTime(a, win.startMs() - slack - 1);
      case LAST_READING_AFTER_WINDOW -> b = withTime(b, win.endMs() + slack + 1);
      case DELIVERY_MISMATCH -> claimed = MOVED_WH + 1;
      case ABOVE_RATED_POWER -> {
        // One Wh above what 5 kW can deliver between the two readings.
        claimed = Delivery.ceilingWh(SettlementWorld.RATED_W, a, b) + 1;
        b = SettlementWorld.lastReading(key, win, claimed, Direction.UP);
      }
      case BASELINE_ABOVE_RATED_POWER -> {
        // A baseline one Wh beyond what 5 kW could have imported between the two readings; the
        // claimed delivery is consistent with it, so only the baseline bound catches it.
        long baseline = -(Delivery.ceilingWh(SettlementWorld.RATED_W, a, b) + 1);
        return w.leaf(key, owner, a, b, baseline, MOVED_WH - baseline);
      }
      default -> {}
    }
    return w.leaf(key, owner, a, b, 0, claimed);
  }

  @ParameterizedTest
  @EnumSource(Fraud.class)
  void aProvenFraudVoidsTheRootSlashesTheNodePaysTheChallengerItsShareAndRefundsTheRequester(
      Fraud fraud) throws Exception {
    BigInteger requesterStart = w.balance(w.requester.getAddress());
    Round r = won();
    BigInteger escrow =
        w.coordinator(w.requester)
            .maxCost(
                BigInteger.valueOf(SettlementWorld.POWER_W),
                BigInteger.valueOf(SettlementWorld.DURATION_S),
                SettlementWorld.PRICE.multiply(BigInteger.TWO))
            .send();
    DeviceEvidence bad = fraudulent(fraud, r.window());
    Posted p = posted(r, List.of(w.honest(w.devices.get(0), owner, r.window(), 1_000), bad));
    BigInteger stakeBefore = w.stake(node);
    BigInteger challengerBefore = w.balance(w.challenger.getAddress());

    var receipt =
        w.challenge(
            w.challenger, p.id(), p.batch().leaf(1), p.batch().proof(1), bad.first(), bad.last());

    var proven = FraudProofs.getFraudProvenEvents(receipt).get(0);
    assertThat(proven.reason).isEqualTo(BigInteger.valueOf(fraud.reason));
    assertThat(proven.device).isEqualToIgnoringCase(bad.leaf().device());
    assertThat(proven.challenger).isEqualToIgnoringCase(w.challenger.getAddress());
    assertThat(proven.slashed).isEqualTo(FRAUD_SLASH);
    assertThat(w.stake(node)).isEqualTo(stakeBefore.subtract(FRAUD_SLASH));
    // The challenger is paid its share; the rest of the slash is credited to the requester.
    BigInteger share = SettlementWorld.challengerShare();
    BigInteger rest = SettlementWorld.slashRest();
    assertThat(w.balance(w.challenger.getAddress())).isEqualTo(challengerBefore.add(share));
    var voided = Settlement.getFraudVoidedEvents(receipt).get(0);
    assertThat(voided.challengerShare).isEqualTo(share);
    assertThat(w.settlement().credits(w.requester.getAddress()).send()).isEqualTo(rest);
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.valueOf(3));
    Settlement.NodeRewards nr = w.settlement().nodeRewards(node.getAddress()).send();
    assertThat(nr.generation).isEqualTo(BigInteger.ONE);
    assertThat(nr.tip).isZero();
    assertThat(nr.tipTotal).isZero();

    // The award is closed unpaid, and the whole escrow goes back to the requester with its share
    // of the node's bond (the bond of the whole award, forfeited) and its share of the slash.
    var settled = FlexibilityCoordinator.getAwardSettledEvents(receipt).get(0);
    assertThat(settled.payment).isZero();
    assertThat(w.coordinator(node).getBid(r.request(), node.getAddress()).send().settled).isTrue();
    MarketParameters market = MarketParameters.defaults();
    BigInteger bond =
        w.coordinator(w.requester)
            .maxCost(
                BigInteger.valueOf(SettlementWorld.POWER_W),
                BigInteger.valueOf(SettlementWorld.DURATION_S),
                market.bondPerKWh())
            .send();
    var forfeited = FlexibilityCoordinator.getBondForfeitedEvents(receipt).get(0);
    assertThat(forfeited.amount).isEqualTo(bond);
    BigInteger bondShare =
        bond.multiply(BigInteger.valueOf(market.requesterShareBps()))
            .divide(BigInteger.valueOf(10_000));
    w.coordinator(w.challenger).releaseEscrow(r.request()).send();
    w.coordinator(w.requester).withdraw().send();
    w.settlement(w.requester).withdrawCredits().send();
    assertThat(w.balance(w.requester.getAddress()))
        .isEqualTo(requesterStart.add(escrow).add(bondShare).add(rest));
    w.chain.assertReverts(
        () -> w.settlement(w.requester).withdrawCredits().send(), "NothingToWithdraw");
    // A voided root neither finalizes nor can it be challenged again.
    w.chain.assertReverts(
        () -> w.finalizeWithQuorum(p.id(), p.committee(), p.batch()), "NotPending");
    assertChallengeReverts(p, 1, bad.first(), bad.last(), "NotPending");
  }

  @Test
  void fraudKillsTheNodesLaterPendingSubmissionWhichMayBePostedAgain() throws Exception {
    Round r =
        w.auction(
            Direction.UP,
            2,
            List.of(new Bid(node, SettlementWorld.POWER_W, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    BigInteger r1 = r.requests().get(0);
    BigInteger r2 = r.requests().get(1);
    DeviceEvidence bad = fraudulent(Fraud.DELIVERY_MISMATCH, r.window());
    Batch first = w.forRequest(node, r1, new RewardLedger(), List.of(bad));
    Batch second = w.forRequest(node, r2, first.ledger(), honestPair(r.window()));
    Posted one = w.post(node, r1, first);
    Posted two = w.post(node, r2, second);
    w.challenge(w.challenger, one.id(), first.leaf(0), first.proof(0), bad.first(), bad.last());
    w.passChallengeWindow();

    // The honest second root was built on the voided one: it can no longer finalize.
    w.chain.assertReverts(
        () -> w.finalizeWithQuorum(two.id(), two.committee(), second), "PredecessorNotFinal");
    // The fraudulent request's award is closed; the other may be posted again on a clean ledger.
    w.chain.assertReverts(() -> w.submit(node, r1, first), "NoAward");
    Batch again = w.forRequest(node, r2, new RewardLedger(), second.devices());
    Posted three = w.post(node, r2, again);
    // Superseded, not fraudulent: Expired (4), unlike the Voided (3) fraudulent root.
    assertThat(w.settlement().getSubmission(two.id()).send().status)
        .isEqualTo(BigInteger.valueOf(4));
    assertThat(w.settlement().getSubmission(one.id()).send().status)
        .isEqualTo(BigInteger.valueOf(3));
    Settlement.Submission s = w.settlement().getSubmission(three.id()).send();
    assertThat(s.prev).isZero();
    assertThat(s.generation).isEqualTo(BigInteger.ONE);
    assertThat(w.settlement().submissionOf(BigInteger.ZERO, r2, node.getAddress()).send())
        .isEqualTo(three.id());
    // The live submission of the new generation cannot be posted a second time.
    w.chain.assertReverts(() -> w.submit(node, r2, again), "AlreadySubmitted");
    w.passChallengeWindow();
    w.finalizeWithQuorum(three.id(), three.committee(), again);
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().claimTotal)
        .isEqualTo(again.ledger().total());
    // Once paid, the award is settled: nothing left to submit for.
    w.chain.assertReverts(() -> w.submit(node, r2, again), "NoAward");
  }

  @Test
  void aFinalizedRootCannotBeChallenged() throws Exception {
    Round r = won();
    DeviceEvidence bad = fraudulent(Fraud.DELIVERY_MISMATCH, r.window());
    Batch b = w.forRequest(node, r.request(), new RewardLedger(), List.of(bad));
    Posted p = w.settle(node, r.request(), b);
    var error = w.chain.assertReverts(() -> challenge(p, 0, bad.first(), bad.last()), "NotPending");
    assertThat(error.arguments()).containsExactly(p.id().toString(), "2");
  }

  private static MeterReading withSequence(MeterReading r, long sequence) {
    return new MeterReading(
        r.device(),
        sequence,
        r.timestampMs(),
        r.importWh(),
        r.exportWh(),
        r.powerW(),
        r.socPermille());
  }

  private static MeterReading withTime(MeterReading r, long timestampMs) {
    return new MeterReading(
        r.device(),
        r.sequence(),
        timestampMs,
        r.importWh(),
        r.exportWh(),
        r.powerW(),
        r.socPermille());
  }

  private static MeterReading withRegisters(MeterReading r, long importWh, long exportWh) {
    return new MeterReading(
        r.device(), r.sequence(), r.timestampMs(), importWh, exportWh, r.powerW(), r.socPermille());
  }
}
