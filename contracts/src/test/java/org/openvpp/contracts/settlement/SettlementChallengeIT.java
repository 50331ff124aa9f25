package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.FRAUD_SLASH;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Bid;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Signed;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;

/** Fraud challenges: every way a challenge is refused, and every fraud proven with its effects. */
@ExtendWith(AnvilExtension.class)
class SettlementChallengeIT {
  private static final long MOVED_WH = 3_000;

  private SettlementWorld w;
  private Credentials node;
  private String owner;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(1);
    owner = SettlementWorld.freshAddress();
  }

  /** A pending submission of {@code leaves} for a fresh request the node won. */
  private Posted posted(Round r, List<DeviceEvidence> leaves) throws Exception {
    return w.post(node, r.request(), w.forRequest(node, r.request(), new RewardLedger(), leaves));
  }

  private Round won() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    return r;
  }

  private List<DeviceEvidence> honestPair(Window win) {
    return List.of(
        w.honest(w.devices.get(0), owner, win, MOVED_WH),
        w.honest(w.devices.get(1), owner, win, 2_000));
  }

  private void challenge(Posted p, int i, Signed first, Signed last) throws Exception {
    w.settlement(w.challenger)
        .challenge(
            p.id(), p.batch().leaf(i), p.batch().proof(i), first.toContract(), last.toContract())
        .send();
  }

  private void assertChallengeReverts(Posted p, int i, Signed first, Signed last, String error) {
    w.chain.assertReverts(() -> challenge(p, i, first, last), error);
  }

  // -------------------------------------------------------------- refusals

  @Test
  void aReadingSignedByAnotherKeyIsNoProof() throws Exception {
    Round r = won();
    Posted p = posted(r, honestPair(r.window()));
    DeviceEvidence leaf = p.batch().devices().get(0);
    Credentials forger = Oem.newDeviceKey();
    Signed forged =
        new Signed(
            leaf.first().reading(),
            Signatures.sign(w.meter.digest(leaf.first().reading()), forger.getEcKeyPair()));
    var error =
        w.chain.assertReverts(() -> challenge(p, 0, forged, leaf.last()), "InvalidDeviceSignature");
    assertThat(error.arguments().get(1)).isEqualToIgnoringCase(forger.getAddress());
    // The device's own signature over the same reading for another chain recovers elsewhere too.
    MeterTypedData otherChain =
        new MeterTypedData(
            BigInteger.valueOf(w.anvil.chainId() + 1), w.chain.deployment().deviceRegistry());
    Credentials device = w.devices.get(0);
    Signed otherChainSigned =
        new Signed(
            leaf.last().reading(),
            Signatures.sign(otherChain.digest(leaf.last().reading()), device.getEcKeyPair()));
    assertChallengeReverts(p, 0, leaf.first(), otherChainSigned, "InvalidDeviceSignature");
  }

  @Test
  void aGenuineReadingTheLeafDoesNotCommitToIsRefused() throws Exception {
    Round r = won();
    Posted p = posted(r, honestPair(r.window()));
    DeviceEvidence leaf = p.batch().devices().get(0);
    Credentials device = w.devices.get(0);
    // Replayed from an hour earlier: genuinely signed, but not what the leaf commits to.
    Window earlier = new Window(r.window().startMs() - 3_600_000, r.window().endMs() - 3_600_000);
    Signed old = w.sign(device, SettlementWorld.firstReading(device, earlier));
    var error = w.chain.assertReverts(() -> challenge(p, 0, old, leaf.last()), "ReadingNotInLeaf");
    assertThat(error.arguments().get(0))
        .isEqualToIgnoringCase(org.web3j.utils.Numeric.toHexString(w.meter.digest(old.reading())));
    assertChallengeReverts(p, 0, leaf.first(), old, "ReadingNotInLeaf");
  }

  @Test
  void aLeafOfDigestsFromAnotherChainCannotBeOpenedHere() throws Exception {
    // The node committed digests of readings signed for another chain id: Settlement recomputes
    // digests with this chain's id, so the genuine readings do not open the leaf.
    Round r = won();
    Credentials device = w.devices.get(0);
    MeterTypedData otherChain =
        new MeterTypedData(
            BigInteger.valueOf(w.anvil.chainId() + 1), w.chain.deployment().deviceRegistry());
    MeterReading first = SettlementWorld.firstReading(device, r.window());
    MeterReading last = SettlementWorld.lastReading(device, r.window(), MOVED_WH, Direction.UP);
    var leaf =
        new org.openvpp.contracts.evidence.EvidenceLeaf(
            device.getAddress(),
            owner,
            otherChain.digest(first),
            otherChain.digest(last),
            0,
            MOVED_WH);
    Signed a = new Signed(first, Signatures.sign(otherChain.digest(first), device.getEcKeyPair()));
    Signed b = new Signed(last, Signatures.sign(otherChain.digest(last), device.getEcKeyPair()));
    Posted p = posted(r, List.of(new DeviceEvidence(leaf, a, b)));
    assertChallengeReverts(p, 0, a, b, "ReadingNotInLeaf");
  }

  @Test
  void readingsOfAnotherDeviceAreRefused() throws Exception {
    Round r = won();
    Posted p = posted(r, honestPair(r.window()));
    DeviceEvidence other = p.batch().devices().get(1);
    var error =
        w.chain.assertReverts(
            () -> challenge(p, 0, other.first(), other.last()), "ReadingDeviceMismatch");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(w.devices.get(0).getAddress());
    assertThat(error.arguments().get(1)).isEqualToIgnoringCase(w.devices.get(1).getAddress());
  }

  @Test
  void aLeafOutsideTheRootIsRefused() throws Exception {
    Round r = won();
    Posted p = posted(r, honestPair(r.window()));
    DeviceEvidence leaf = p.batch().devices().get(0);
    // The proof of leaf 1 does not prove leaf 0.
    w.chain.assertReverts(
        () ->
            w.settlement(w.challenger)
                .challenge(
                    p.id(),
                    p.batch().leaf(0),
                    p.batch().proof(1),
                    leaf.first().toContract(),
                    leaf.last().toContract())
                .send(),
        "InvalidProof");
    // A leaf altered after the fact (one more Wh) is not in the root.
    Settlement.Leaf l = p.batch().leaf(0);
    Settlement.Leaf altered =
        new Settlement.Leaf(
            l.device,
            l.owner,
            l.firstReading,
            l.lastReading,
            l.baselineWh,
            l.deliveredWh.add(BigInteger.ONE));
    w.chain.assertReverts(
        () ->
            w.settlement(w.challenger)
                .challenge(
                    p.id(),
                    altered,
                    p.batch().proof(0),
                    leaf.first().toContract(),
                    leaf.last().toContract())
                .send(),
        "InvalidProof");
  }

  @Test
  void honestLeavesProveNoFraudInEitherDirectionWithBaselines() throws Exception {
    Round r =
        w.auction(
            Direction.DOWN,
            1,
            List.of(new Bid(node, SettlementWorld.POWER_W, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    // Down: imports count. A negative baseline (the device would have exported) adds to the
    // delivery; a baseline above the measured energy clips it at zero.
    List<DeviceEvidence> leaves =
        List.of(
            w.honest(w.devices.get(0), owner, r.window(), 3_000, -200, Direction.DOWN),
            w.honest(w.devices.get(1), owner, r.window(), 1_000, 1_500, Direction.DOWN),
            w.honest(w.devices.get(2), owner, r.window(), 2_000, 500, Direction.DOWN));
    assertThat(leaves).extracting(d -> d.leaf().deliveredWh()).containsExactly(3_200L, 0L, 1_500L);
    Posted p = posted(r, leaves);
    for (int i = 0; i < leaves.size(); i++) {
      DeviceEvidence leaf = leaves.get(i);
      int index = i;
      var error =
          w.chain.assertReverts(() -> challenge(p, index, leaf.first(), leaf.last()), "NoFraud");
      assertThat(error.arguments()).containsExactly(p.id().toString());
    }
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.ONE);
  }

  // ---------------------------------------------------------------- frauds

  /** Settlement.Fraud, in its ordinal order, with how each one is committed. */
  enum Fraud {
    UNKNOWN_DEVICE,
    SEQUENCE_NOT_INCREASING,
    TIME_NOT_INCREASING,
    REGISTER_DECREASED,
    READING_OUTSIDE_WINDOW,
    DELIVERY_MISMATCH,
    ABOVE_RATED_POWER;

    int reason() {
      return ordinal() + 1;
    }
  }

  /** A leaf that commits {@code fraud}: genuinely signed readings, a claimed delivery. */
  private DeviceEvidence fraudulent(Fraud fraud, Window win) {
    Credentials key = fraud == Fraud.UNKNOWN_DEVICE ? Oem.newDeviceKey() : w.devices.get(1);
    MeterReading a = SettlementWorld.firstReading(key, win);
    long moved = fraud == Fraud.ABOVE_RATED_POWER ? 6_000 : MOVED_WH; // 5 kW for ~1 h: < 5,000
    MeterReading b = SettlementWorld.lastReading(key, win, moved, Direction.UP);
    long claimed = moved;
    switch (fraud) {
      case SEQUENCE_NOT_INCREASING -> b = withSequence(b, a.sequence());
      case TIME_NOT_INCREASING -> b = withTime(b, a.timestampMs());
      case REGISTER_DECREASED -> b = withImport(b, a.importWh() - 50);
      case READING_OUTSIDE_WINDOW ->
          a = withTime(a, win.startMs() - SettlementWorld.SLACK_MS - 60_000);
      case DELIVERY_MISMATCH -> claimed = moved + 500;
      default -> {}
    }
    return w.leaf(key, owner, a, b, 0, claimed);
  }

  @ParameterizedTest
  @EnumSource(Fraud.class)
  void aProvenFraudVoidsTheRootSlashesThePaysTheChallengerAndRefundsTheRequester(Fraud fraud)
      throws Exception {
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
        w.settlement(w.challenger)
            .challenge(
                p.id(),
                p.batch().leaf(1),
                p.batch().proof(1),
                bad.first().toContract(),
                bad.last().toContract())
            .send();

    var proven = Settlement.getFraudProvenEvents(receipt).get(0);
    assertThat(proven.reason).isEqualTo(BigInteger.valueOf(fraud.reason()));
    assertThat(proven.device).isEqualToIgnoringCase(bad.leaf().device());
    assertThat(proven.challenger).isEqualToIgnoringCase(w.challenger.getAddress());
    assertThat(proven.slashed).isEqualTo(FRAUD_SLASH);
    assertThat(w.stake(node)).isEqualTo(stakeBefore.subtract(FRAUD_SLASH));
    assertThat(w.balance(w.challenger.getAddress())).isEqualTo(challengerBefore.add(FRAUD_SLASH));
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.valueOf(3));
    Settlement.NodeRewards nr = w.settlement().nodeRewards(node.getAddress()).send();
    assertThat(nr.generation).isEqualTo(BigInteger.ONE);
    assertThat(nr.tip).isZero();
    assertThat(nr.tipTotal).isZero();

    // The award is closed unpaid, and the whole escrow goes back to the requester.
    var settled = FlexibilityCoordinator.getAwardSettledEvents(receipt).get(0);
    assertThat(settled.payment).isZero();
    assertThat(w.coordinator(node).getBid(r.request(), node.getAddress()).send().settled).isTrue();
    w.coordinator(w.challenger).releaseEscrow(r.request()).send();
    w.coordinator(w.requester).withdraw().send();
    assertThat(w.balance(w.requester.getAddress())).isEqualTo(requesterStart.add(escrow));
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
    w.settlement(w.challenger)
        .challenge(
            one.id(),
            first.leaf(0),
            first.proof(0),
            bad.first().toContract(),
            bad.last().toContract())
        .send();
    w.passChallengeWindow();

    // The honest second root was built on the voided one: it can no longer finalize.
    w.chain.assertReverts(
        () -> w.finalizeWithQuorum(two.id(), two.committee(), second), "PredecessorNotFinal");
    // The fraudulent request's award is closed; the other may be posted again on a clean ledger.
    w.chain.assertReverts(() -> w.submit(node, r1, first), "NoAward");
    Batch again = w.forRequest(node, r2, new RewardLedger(), second.devices());
    Posted three = w.post(node, r2, again);
    assertThat(w.settlement().getSubmission(two.id()).send().status)
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

  private static MeterReading withImport(MeterReading r, long importWh) {
    return new MeterReading(
        r.device(),
        r.sequence(),
        r.timestampMs(),
        importWh,
        r.exportWh(),
        r.powerW(),
        r.socPermille());
  }
}
