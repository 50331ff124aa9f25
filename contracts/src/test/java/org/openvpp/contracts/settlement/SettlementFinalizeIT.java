package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.deploy.SettlementParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Bid;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Attestation and finalization: who may sign, when, in which order, and what it pays. */
@ExtendWith(AnvilExtension.class)
class SettlementFinalizeIT {
  private SettlementWorld w;
  private Credentials node;
  private String ownerA;
  private String ownerB;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(0);
    ownerA = SettlementWorld.freshAddress();
    ownerB = SettlementWorld.freshAddress();
  }

  /**
   * A drawn, pending submission: two owners, 2,500 + 3,499 Wh of the 6,000 Wh award (an odd total,
   * so the attestor fee does not split evenly).
   */
  private Posted posted() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    return w.post(node, r.request(), batch(r, new RewardLedger()));
  }

  private Batch batch(Round r, RewardLedger previous) throws Exception {
    return w.forRequest(
        node,
        r.request(),
        previous,
        List.of(
            w.honest(w.devices.get(0), ownerA, r.window(), 2_500),
            w.honest(w.devices.get(1), ownerB, r.window(), 3_499)));
  }

  /** Records every signer's attestation, waits out the challenge window and finalizes. */
  private TransactionReceipt finalize(Posted p, List<String> signers) throws Exception {
    w.record(p.id(), p.committee(), p.batch(), signers);
    w.passChallengeWindow();
    return w.settlement(w.challenger).finalize(p.id(), p.committee()).send();
  }

  @Test
  void finalizationPaysTheAwardCreditsTheSignersAndOpensTheRewardRoot() throws Exception {
    Posted p = posted();
    BigInteger request = w.settlement().getSubmission(p.id()).send().subject;
    String coordinator = w.chain.deployment().coordinator();
    BigInteger settlementBefore = w.balance(w.settlementAddress());
    BigInteger coordinatorBefore = w.balance(coordinator);
    List<String> signers = p.committee(); // every member signs: the fee splits three ways

    var receipt = finalize(p, signers);

    BigInteger payment = p.batch().payment();
    assertThat(payment).isEqualTo(PRICE_PER_WH.multiply(BigInteger.valueOf(5_999)));
    BigInteger fee = payment.multiply(BigInteger.valueOf(SettlementWorld.FEE_BPS)).divide(BPS);
    var finalized = Settlement.getFinalizedEvents(receipt).get(0);
    assertThat(finalized.payment).isEqualTo(payment);
    assertThat(finalized.fee).isEqualTo(fee);
    assertThat(finalized.attestations).isEqualTo(BigInteger.valueOf(signers.size()));
    var settled = FlexibilityCoordinator.getAwardSettledEvents(receipt).get(0);
    assertThat(settled.payment).isEqualTo(payment);
    assertThat(w.balance(w.settlementAddress())).isEqualTo(settlementBefore.add(payment));
    assertThat(w.balance(coordinator)).isEqualTo(coordinatorBefore.subtract(payment));
    assertThat(w.coordinator(node).getBid(request, node.getAddress()).send().settled).isTrue();

    // Fee split: equal shares, the rounding remainder to the first signer.
    BigInteger share = fee.divide(BigInteger.valueOf(signers.size()));
    BigInteger dust = fee.subtract(share.multiply(BigInteger.valueOf(signers.size())));
    BigInteger credited = BigInteger.ZERO;
    for (int i = 0; i < signers.size(); i++) {
      BigInteger f = w.settlement().fees(signers.get(i)).send();
      assertThat(f).isEqualTo(i == 0 ? share.add(dust) : share);
      credited = credited.add(f);
    }
    assertThat(credited).isEqualTo(fee);

    Settlement.Submission s = w.settlement().getSubmission(p.id()).send();
    assertThat(s.status).isEqualTo(BigInteger.TWO); // Finalized
    assertThat(s.attestations).isEqualTo(BigInteger.valueOf(signers.size()));
    Settlement.NodeRewards nr = w.settlement().nodeRewards(node.getAddress()).send();
    assertThat(nr.lastFinalized).isEqualTo(p.id());
    assertThat(nr.claimRoot).isEqualTo(p.batch().ledger().tree().root());
    assertThat(nr.claimTotal).isEqualTo(payment.subtract(fee));
    // Owners hold exactly the owner share, pro rata 2,500 : 3,499.
    assertThat(p.batch().cumulative(ownerA).add(p.batch().cumulative(ownerB)))
        .isEqualTo(payment.subtract(fee));
    w.settlement()
        .claim(
            node.getAddress(), ownerB, p.batch().cumulative(ownerB), p.batch().rewardProof(ownerB))
        .send();
    assertThat(w.balance(ownerB)).isEqualTo(p.batch().cumulative(ownerB));
  }

  /**
   * The fee goes to every recorded attestor, in equal shares with the remainder to the first in
   * committee order, whoever calls finalize and in whatever order the attestations were posted: the
   * caller can no longer choose whom to pay (issue 10, item 10).
   */
  @Test
  void everyRecordedAttestorIsPaidWhoeverFinalizes() throws Exception {
    Posted p = posted();
    List<String> c = p.committee();
    // The last member's attestation is posted first, then the second's: quorum (2 of 3).
    w.record(p.id(), c, p.batch(), List.of(c.get(2)));
    var reached = w.record(p.id(), c, p.batch(), List.of(c.get(1)));
    assertThat(Settlement.getQuorumReachedEvents(reached)).hasSize(1);
    w.passChallengeWindow();

    var receipt = w.settlement(w.challenger).finalize(p.id(), c).send();

    BigInteger fee = Settlement.getFinalizedEvents(receipt).get(0).fee;
    BigInteger share = fee.divide(BigInteger.TWO);
    assertThat(w.settlement().fees(c.get(0)).send()).isZero();
    assertThat(w.settlement().fees(c.get(1)).send()).isEqualTo(fee.subtract(share));
    assertThat(w.settlement().fees(c.get(2)).send()).isEqualTo(share);
    assertThat(w.settlement().fees(w.challenger.getAddress()).send()).isZero();
  }

  @Test
  void anAttestationPostedAfterTheQuorumStillEarnsAShare() throws Exception {
    Posted p = posted();
    List<String> c = p.committee();
    w.record(p.id(), c, p.batch(), SettlementWorld.quorumOf(c));
    BigInteger attestedAt = w.settlement().getSubmission(p.id()).send().attestedAt;
    var late = w.record(p.id(), c, p.batch(), List.of(c.get(2)));
    assertThat(Settlement.getQuorumReachedEvents(late)).isEmpty();
    assertThat(Settlement.getAttestedEvents(late).get(0).attestor).isEqualToIgnoringCase(c.get(2));
    // The challenge window still runs from the quorum.
    assertThat(w.settlement().getSubmission(p.id()).send().attestedAt).isEqualTo(attestedAt);
    w.passChallengeWindow();
    w.settlement().finalize(p.id(), c).send();
    for (String member : c) {
      assertThat(w.settlement().fees(member).send()).isPositive();
    }
  }

  /**
   * The owners' share is fixed when the evidence is posted; a fee raised before finalization must
   * not take more than the payment leaves, or fees and claims together would exceed what Settlement
   * received (found by the gas harness: withdrawFees then ran out of funds).
   */
  @Test
  void aFeeChangedBeforeFinalizationDoesNotOvercommitThePayment() throws Exception {
    Posted p = posted();
    SettlementParameters now = SettlementWorld.parameters();
    w.govern(
        s ->
            s.setParams(
                new SettlementParameters(
                        now.committeeSize(),
                        now.quorum(),
                        5 * SettlementWorld.FEE_BPS,
                        now.challengeWindowSeconds(),
                        now.evidencePeriodSeconds(),
                        now.readingSlackMs(),
                        now.epochLengthSeconds(),
                        now.fraudSlash(),
                        now.contributionPricePerKWh(),
                        now.attestationTimeoutSeconds(),
                        now.attestorSlash(),
                        now.challengerShareBps())
                    .toContract()));
    BigInteger before = w.balance(w.settlementAddress());
    List<String> signers = p.committee();
    var receipt = finalize(p, signers);

    BigInteger payment = p.batch().payment();
    BigInteger feeAtSubmission =
        payment.multiply(BigInteger.valueOf(SettlementWorld.FEE_BPS)).divide(BPS);
    assertThat(Settlement.getFinalizedEvents(receipt).get(0).fee).isEqualTo(feeAtSubmission);
    BigInteger owed = p.batch().ledger().total();
    for (String signer : signers) {
      owed = owed.add(w.settlement().fees(signer).send());
    }
    assertThat(owed).isEqualTo(payment);
    assertThat(w.balance(w.settlementAddress())).isEqualTo(before.add(payment));
  }

  /** A submission keeps the challenge window it was posted under. */
  @Test
  void aChallengeWindowChangedAfterPostingDoesNotApply() throws Exception {
    Posted p = posted();
    w.govern(
        s ->
            s.setParams(SettlementWorld.parameters().withChallengeWindow(2 * 86_400).toContract()));
    assertThat(w.settlement().submissionParams(p.id()).send().challengeWindow)
        .isEqualTo(BigInteger.valueOf(SettlementWorld.CHALLENGE_S));
    w.finalizeWithQuorum(p.id(), p.committee(), p.batch());
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.TWO);
  }

  @Test
  void attestorsWithdrawTheirFeesOnce() throws Exception {
    Posted p = posted();
    w.finalizeWithQuorum(p.id(), p.committee(), p.batch());
    Credentials attestor = w.credentialsOf(p.committee().get(0));
    BigInteger fee = w.settlement().fees(attestor.getAddress()).send();
    assertThat(fee).isPositive();
    BigInteger before = w.balance(attestor.getAddress());

    var receipt = w.settlement(attestor).withdrawFees().send();

    var event = Settlement.getFeesWithdrawnEvents(receipt).get(0);
    assertThat(event.amount).isEqualTo(fee);
    assertThat(w.balance(attestor.getAddress())).isEqualTo(before.add(fee));
    assertThat(w.settlement().fees(attestor.getAddress()).send()).isZero();
    w.chain.assertReverts(() -> w.settlement(attestor).withdrawFees().send(), "NothingToWithdraw");
    // A node that never attested has nothing either.
    w.chain.assertReverts(() -> w.settlement(node).withdrawFees().send(), "NothingToWithdraw");
  }

  @Test
  void theSubmittingNodeIsNoCommitteeMember() throws Exception {
    Posted p = posted();
    List<byte[]> signatures = List.of(selfSigned(p, node));
    var error =
        w.chain.assertReverts(
            () -> w.settlement().attest(p.id(), p.committee(), signatures).send(),
            "NotCommitteeMember");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(node.getAddress());
  }

  @Test
  void aMemberIsRecordedOnce() throws Exception {
    Posted p = posted();
    String member = p.committee().get(0);
    var receipt = w.record(p.id(), p.committee(), p.batch(), List.of(member, member));
    assertThat(Settlement.getAttestedEvents(receipt)).hasSize(1);
    // Posting it again (a copy-bot, say) changes nothing and does not revert.
    var again = w.record(p.id(), p.committee(), p.batch(), List.of(member));
    assertThat(Settlement.getAttestedEvents(again)).isEmpty();
    Settlement.Submission s = w.settlement().getSubmission(p.id()).send();
    assertThat(s.attestations).isEqualTo(BigInteger.ONE);
    assertThat(s.attestedAt).isZero();
    assertThat(w.settlement().attestorsOf(p.id()).send()).containsExactly(member);
  }

  @Test
  void fewerAttestationsThanTheQuorumDoNotFinalize() throws Exception {
    Posted p = posted();
    int quorum = SettlementWorld.parameters().quorum();
    w.record(p.id(), p.committee(), p.batch(), p.committee().subList(0, quorum - 1));
    w.passChallengeWindow();
    var error =
        w.chain.assertReverts(
            () -> w.settlement().finalize(p.id(), p.committee()).send(), "QuorumNotReached");
    assertThat(error.arguments())
        .containsExactly(String.valueOf(quorum - 1), String.valueOf(quorum));
  }

  @Test
  void theCommitteeListMustBeTheDrawnOne() throws Exception {
    Posted p = posted();
    List<byte[]> signatures = w.attest(p.id(), p.batch(), SettlementWorld.quorumOf(p.committee()));
    List<String> reversed = new ArrayList<>(p.committee());
    Collections.reverse(reversed);
    List<String> padded = new ArrayList<>(p.committee());
    padded.add(node.getAddress()); // lets the node "attest" itself if accepted
    for (List<String> wrong : List.of(reversed, padded, p.committee().subList(0, 1))) {
      if (wrong.equals(p.committee())) {
        continue; // a one-member committee reversed is itself
      }
      w.chain.assertReverts(
          () -> w.settlement().attest(p.id(), wrong, signatures).send(), "CommitteeMismatch");
      w.chain.assertReverts(
          () -> w.settlement().finalize(p.id(), wrong).send(), "CommitteeMismatch");
    }
  }

  @Test
  void neitherBeforeTheDrawNorBeforeTheChallengeWindowSinceTheQuorumCloses() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Batch b = batch(r, new RewardLedger());
    BigInteger id = w.submit(node, r.request(), b);
    w.chain.assertReverts(
        () -> w.settlement().attest(id, List.of(), List.of()).send(), "CommitteeNotDrawn");
    w.chain.assertReverts(() -> w.settlement().finalize(id, List.of()).send(), "CommitteeNotDrawn");
    List<String> committee = w.draw(id);
    // Long after posting, but the quorum is recorded only now: the window starts now.
    w.market.warpTo(w.market.now() + 2 * SettlementWorld.CHALLENGE_S);
    var recorded = w.record(id, committee, b, SettlementWorld.quorumOf(committee));
    BigInteger attestedAt = Settlement.getQuorumReachedEvents(recorded).get(0).attestedAt;
    assertThat(w.settlement().getSubmission(id).send().attestedAt).isEqualTo(attestedAt);
    var error =
        w.chain.assertReverts(
            () -> w.settlement().finalize(id, committee).send(), "ChallengeWindowOpen");
    assertThat(error.arguments().get(0))
        .isEqualTo(attestedAt.add(BigInteger.valueOf(SettlementWorld.CHALLENGE_S)).toString());
    w.passChallengeWindow();
    w.settlement().finalize(id, committee).send();
    w.chain.assertReverts(() -> w.settlement().finalize(id, committee).send(), "NotPending");
    w.chain.assertReverts(
        () -> w.record(id, committee, b, SettlementWorld.quorumOf(committee)), "NotPending");
  }

  @Test
  void aSignatureForAnotherSubmissionOrChainRecoversToAStranger() throws Exception {
    Posted p = posted();
    List<String> quorum = SettlementWorld.quorumOf(p.committee());
    Credentials member = w.credentialsOf(quorum.get(0));
    byte[] evidenceRoot = p.batch().tree().root();
    byte[] rewardRoot = p.batch().ledger().tree().root();
    BigInteger chainId = BigInteger.valueOf(w.anvil.chainId());
    List<byte[]> forged =
        List.of(
            // same roots, the next submission id
            w.attestations.sign(
                p.id().add(BigInteger.ONE), evidenceRoot, rewardRoot, member.getEcKeyPair()),
            // same submission, another chain's domain
            new Attestations(chainId.add(BigInteger.ONE), w.settlementAddress())
                .sign(p.id(), evidenceRoot, rewardRoot, member.getEcKeyPair()),
            // same submission and chain, another Settlement deployment
            new Attestations(chainId, w.chain.deployment().coordinator())
                .sign(p.id(), evidenceRoot, rewardRoot, member.getEcKeyPair()));
    for (byte[] bad : forged) {
      List<byte[]> signatures = new ArrayList<>(w.attest(p.id(), p.batch(), quorum));
      signatures.set(0, bad);
      var error =
          w.chain.assertReverts(
              () -> w.settlement().attest(p.id(), p.committee(), signatures).send(),
              "NotCommitteeMember");
      assertThat(error.arguments().get(0)).isNotEqualToIgnoringCase(member.getAddress());
    }
    // The digest members sign is the one the contract exposes.
    assertThat(w.settlement().attestationDigest(p.id()).send())
        .isEqualTo(w.attestations.digest(p.id(), evidenceRoot, rewardRoot));
  }

  @Test
  void aNodesSubmissionsFinalizeInOrder() throws Exception {
    Round r =
        w.auction(
            Direction.UP,
            2,
            List.of(new Bid(node, SettlementWorld.POWER_W, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    Batch first =
        w.forRequest(
            node, r.requests().get(0), new RewardLedger(), batch(r, new RewardLedger()).devices());
    Batch second = w.forRequest(node, r.requests().get(1), first.ledger(), first.devices());
    Posted one = w.post(node, r.requests().get(0), first);
    Posted two = w.post(node, r.requests().get(1), second);
    assertThat(w.settlement().getSubmission(two.id()).send().prev).isEqualTo(one.id());

    var error =
        w.chain.assertReverts(
            () -> w.finalizeWithQuorum(two.id(), two.committee(), second), "PredecessorNotFinal");
    assertThat(error.arguments()).containsExactly(two.id().toString(), one.id().toString());

    w.finalizeWithQuorum(one.id(), one.committee(), first);
    w.settlement().finalize(two.id(), two.committee()).send();
    Settlement.NodeRewards nr = w.settlement().nodeRewards(node.getAddress()).send();
    assertThat(nr.lastFinalized).isEqualTo(two.id());
    assertThat(nr.claimTotal).isEqualTo(second.ledger().total());
    assertThat(nr.claimTotal).isEqualTo(first.ledger().total().multiply(BigInteger.TWO));
  }

  private byte[] selfSigned(Posted p, Credentials signer) {
    return w.attestations.sign(
        p.id(), p.batch().tree().root(), p.batch().ledger().tree().root(), signer.getEcKeyPair());
  }

  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  /** 0.2 FLEX per kWh is 0.0002 FLEX per Wh. */
  private static final BigInteger PRICE_PER_WH =
      SettlementWorld.PRICE.divide(BigInteger.valueOf(1_000));
}
