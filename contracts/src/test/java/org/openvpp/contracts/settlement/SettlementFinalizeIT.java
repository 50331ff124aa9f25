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

  private void finalize(Posted p, List<String> signers) throws Exception {
    w.settlement().finalize(p.id(), p.committee(), w.attest(p.id(), p.batch(), signers)).send();
  }

  @Test
  void finalizationPaysTheAwardCreditsTheSignersAndOpensTheRewardRoot() throws Exception {
    Posted p = posted();
    BigInteger request = w.settlement().getSubmission(p.id()).send().subject;
    w.passChallengeWindow();
    String coordinator = w.chain.deployment().coordinator();
    BigInteger settlementBefore = w.balance(w.settlementAddress());
    BigInteger coordinatorBefore = w.balance(coordinator);
    List<String> signers = p.committee(); // every member signs: the fee splits three ways

    var receipt =
        w.settlement().finalize(p.id(), p.committee(), w.attest(p.id(), p.batch(), signers)).send();

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
   * The owners' share is fixed when the evidence is posted; a fee raised before finalization must
   * not take more than the payment leaves, or fees and claims together would exceed what Settlement
   * received (found by the gas harness: withdrawFees then ran out of funds).
   */
  @Test
  void aFeeChangedBeforeFinalizationDoesNotOvercommitThePayment() throws Exception {
    Posted p = posted();
    w.govern(
        s ->
            s.setParams(
                new SettlementParameters(
                        SettlementWorld.parameters().committeeSize(),
                        SettlementWorld.parameters().quorum(),
                        5 * SettlementWorld.FEE_BPS,
                        SettlementWorld.parameters().challengeWindowSeconds(),
                        SettlementWorld.parameters().evidencePeriodSeconds(),
                        SettlementWorld.parameters().readingSlackMs(),
                        SettlementWorld.parameters().epochLengthSeconds(),
                        SettlementWorld.parameters().fraudSlash(),
                        SettlementWorld.parameters().contributionPricePerKWh())
                    .toContract()));
    w.passChallengeWindow();
    BigInteger before = w.balance(w.settlementAddress());
    List<String> signers = p.committee();
    var receipt =
        w.settlement().finalize(p.id(), p.committee(), w.attest(p.id(), p.batch(), signers)).send();

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

  @Test
  void attestorsWithdrawTheirFeesOnce() throws Exception {
    Posted p = posted();
    w.passChallengeWindow();
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
    w.passChallengeWindow();
    List<String> signers = new ArrayList<>(SettlementWorld.quorumOf(p.committee()));
    List<byte[]> signatures = w.attest(p.id(), p.batch(), signers);
    signatures.set(0, selfSigned(p, node));
    var error =
        w.chain.assertReverts(
            () -> w.settlement().finalize(p.id(), p.committee(), signatures).send(),
            "NotCommitteeMember");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(node.getAddress());
  }

  @Test
  void aMemberCountsOnce() throws Exception {
    Posted p = posted();
    w.passChallengeWindow();
    String member = p.committee().get(0);
    var error =
        w.chain.assertReverts(
            () ->
                w.settlement()
                    .finalize(
                        p.id(), p.committee(), w.attest(p.id(), p.batch(), List.of(member, member)))
                    .send(),
            "DuplicateAttestation");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(member);
  }

  @Test
  void fewerSignaturesThanTheQuorumDoNotFinalize() throws Exception {
    Posted p = posted();
    w.passChallengeWindow();
    int quorum = SettlementWorld.quorumOf(p.committee()).size();
    List<String> tooFew = p.committee().subList(0, quorum - 1);
    var error =
        w.chain.assertReverts(
            () ->
                w.settlement()
                    .finalize(p.id(), p.committee(), w.attest(p.id(), p.batch(), tooFew))
                    .send(),
            "QuorumNotReached");
    assertThat(error.arguments())
        .containsExactly(String.valueOf(quorum - 1), String.valueOf(quorum));
  }

  @Test
  void theCommitteeListMustBeTheDrawnOne() throws Exception {
    Posted p = posted();
    w.passChallengeWindow();
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
          () -> w.settlement().finalize(p.id(), wrong, signatures).send(), "CommitteeMismatch");
    }
  }

  @Test
  void neitherBeforeTheDrawNorBeforeTheChallengeWindowCloses() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Batch b = batch(r, new RewardLedger());
    BigInteger id = w.submit(node, r.request(), b);
    w.chain.assertReverts(
        () -> w.settlement().finalize(id, List.of(), List.of()).send(), "CommitteeNotDrawn");
    List<String> committee = w.draw(id);
    BigInteger postedAt = w.settlement().getSubmission(id).send().postedAt;
    var error =
        w.chain.assertReverts(() -> w.finalizeWithQuorum(id, committee, b), "ChallengeWindowOpen");
    assertThat(error.arguments().get(0))
        .isEqualTo(postedAt.add(BigInteger.valueOf(SettlementWorld.CHALLENGE_S)).toString());
    w.passChallengeWindow();
    w.finalizeWithQuorum(id, committee, b);
    w.chain.assertReverts(() -> w.finalizeWithQuorum(id, committee, b), "NotPending");
  }

  @Test
  void aSignatureForAnotherSubmissionOrChainRecoversToAStranger() throws Exception {
    Posted p = posted();
    w.passChallengeWindow();
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
              () -> w.settlement().finalize(p.id(), p.committee(), signatures).send(),
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
    w.passChallengeWindow();

    var error =
        w.chain.assertReverts(
            () -> w.finalizeWithQuorum(two.id(), two.committee(), second), "PredecessorNotFinal");
    assertThat(error.arguments()).containsExactly(two.id().toString(), one.id().toString());

    w.finalizeWithQuorum(one.id(), one.committee(), first);
    w.finalizeWithQuorum(two.id(), two.committee(), second);
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
