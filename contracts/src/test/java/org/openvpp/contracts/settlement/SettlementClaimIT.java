package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Bid;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.crypto.Credentials;

/** Cumulative reward claims from finalized roots: once per amount, only what the root holds. */
@ExtendWith(AnvilExtension.class)
class SettlementClaimIT {
  private SettlementWorld w;
  private Credentials node;
  private String ownerA;
  private String ownerB;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(3);
    ownerA = SettlementWorld.freshAddress();
    ownerB = SettlementWorld.freshAddress();
  }

  private List<DeviceEvidence> leaves(Round r) {
    return List.of(
        w.honest(w.devices.get(0), ownerA, r.window(), 2_000),
        w.honest(w.devices.get(1), ownerB, r.window(), 4_000));
  }

  /** Two requests won and settled in order; the second root carries both. */
  private Batch twoSettled() throws Exception {
    Round r =
        w.auction(
            Direction.UP,
            2,
            List.of(new Bid(node, SettlementWorld.POWER_W, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    Batch first = w.forRequest(node, r.requests().get(0), new RewardLedger(), leaves(r));
    Batch second = w.forRequest(node, r.requests().get(1), first.ledger(), leaves(r));
    Posted one = w.post(node, r.requests().get(0), first);
    Posted two = w.post(node, r.requests().get(1), second);
    w.passChallengeWindow();
    w.finalizeWithQuorum(one.id(), one.committee(), first);
    w.finalizeWithQuorum(two.id(), two.committee(), second);
    return second;
  }

  private Settlement claimer() {
    return w.settlement(w.challenger); // anyone may send a claim; the owner is paid
  }

  @Test
  void oneClaimCollectsSeveralSettlementsAndASecondPaysNothing() throws Exception {
    Batch b = twoSettled();
    BigInteger cumulative = b.cumulative(ownerA);
    // Both settlements split 2,000 : 4,000, so owner A holds one third of two owner shares.
    assertThat(cumulative).isPositive();
    BigInteger pool = w.balance(w.settlementAddress());

    var receipt =
        claimer().claim(node.getAddress(), ownerA, cumulative, b.rewardProof(ownerA)).send();

    var event = Settlement.getRewardClaimedEvents(receipt).get(0);
    assertThat(event.amount).isEqualTo(cumulative);
    assertThat(event.cumulativeAmount).isEqualTo(cumulative);
    assertThat(w.balance(ownerA)).isEqualTo(cumulative);
    assertThat(w.balance(w.settlementAddress())).isEqualTo(pool.subtract(cumulative));
    assertThat(w.settlement().claimed(node.getAddress(), ownerA).send()).isEqualTo(cumulative);
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().claimedTotal)
        .isEqualTo(cumulative);

    var error =
        w.chain.assertReverts(
            () ->
                claimer()
                    .claim(node.getAddress(), ownerA, cumulative, b.rewardProof(ownerA))
                    .send(),
            "NothingToClaim");
    assertThat(error.arguments().get(1)).isEqualToIgnoringCase(ownerA);
    assertThat(w.balance(ownerA)).isEqualTo(cumulative);
  }

  @Test
  void aClaimBetweenSettlementsThenTheRestFromTheNewerRoot() throws Exception {
    Round r =
        w.auction(
            Direction.UP,
            2,
            List.of(new Bid(node, SettlementWorld.POWER_W, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    Batch first = w.forRequest(node, r.requests().get(0), new RewardLedger(), leaves(r));
    w.settle(node, r.requests().get(0), first);
    claimer()
        .claim(node.getAddress(), ownerB, first.cumulative(ownerB), first.rewardProof(ownerB))
        .send();
    Batch second = w.forRequest(node, r.requests().get(1), first.ledger(), leaves(r));
    w.settle(node, r.requests().get(1), second);
    // An old root's proof no longer opens the claim root.
    w.chain.assertReverts(
        () ->
            claimer()
                .claim(
                    node.getAddress(), ownerB, first.cumulative(ownerB), first.rewardProof(ownerB))
                .send(),
        "InvalidProof");
    var receipt =
        claimer()
            .claim(node.getAddress(), ownerB, second.cumulative(ownerB), second.rewardProof(ownerB))
            .send();
    assertThat(Settlement.getRewardClaimedEvents(receipt).get(0).amount)
        .isEqualTo(second.cumulative(ownerB).subtract(first.cumulative(ownerB)));
    assertThat(w.balance(ownerB)).isEqualTo(second.cumulative(ownerB));
  }

  @Test
  void aForgedProofOrAWrongAmountIsRefused() throws Exception {
    Batch b = twoSettled();
    BigInteger amount = b.cumulative(ownerA);
    List<byte[]> proof = b.rewardProof(ownerA);
    List<byte[]> forged = new ArrayList<>(proof);
    byte[] flipped = forged.get(0).clone();
    flipped[31] ^= 1;
    forged.set(0, flipped);
    w.chain.assertReverts(
        () -> claimer().claim(node.getAddress(), ownerA, amount, forged).send(), "InvalidProof");
    w.chain.assertReverts(
        () -> claimer().claim(node.getAddress(), ownerA, amount.add(BigInteger.ONE), proof).send(),
        "InvalidProof");
    // Owner B's proof with owner A's amount, and owner A's leaf under another node.
    w.chain.assertReverts(
        () -> claimer().claim(node.getAddress(), ownerB, amount, proof).send(), "InvalidProof");
    w.chain.assertReverts(
        () -> claimer().claim(w.nodes.get(0).getAddress(), ownerA, amount, proof).send(),
        "InvalidProof");
    assertThat(w.balance(ownerA)).isZero();
  }

  @Test
  void leavesPromisingMoreThanTheTotalStopAtThePool() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Batch honest = w.forRequest(node, r.request(), new RewardLedger(), leaves(r));
    BigInteger total = honest.ledger().total();
    // The node posts the right total but a tree promising the whole total to both owners.
    RewardTree inflated = new RewardTree(Map.of(ownerA, total, ownerB, total));
    Batch b =
        new Batch(
            honest.devices(),
            honest.tree(),
            new RewardLedger(Map.of(ownerA, total, ownerB, total)),
            honest.payment());
    Settlement.Evidence e =
        new Settlement.Evidence(
            honest.tree().root(),
            inflated.root(),
            total,
            honest.evidence().deliveredWh,
            BigInteger.TWO);
    BigInteger id =
        Settlement.getEvidenceSubmittedEvents(
                w.settlement(node).submitEvidence(r.request(), e).send())
            .get(0)
            .submissionId;
    List<String> committee = w.draw(id);
    w.finalizeWithQuorum(id, committee, b);

    claimer().claim(node.getAddress(), ownerA, total, inflated.proof(ownerA)).send();
    assertThat(w.balance(ownerA)).isEqualTo(total);
    var error =
        w.chain.assertReverts(
            () -> claimer().claim(node.getAddress(), ownerB, total, inflated.proof(ownerB)).send(),
            "RewardPoolExceeded");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(node.getAddress());
    assertThat(error.arguments().subList(1, 3)).containsExactly(total.toString(), "0");
    assertThat(w.balance(ownerB)).isZero();
  }

  @Test
  void claimManyPaysOneOwnerAcrossTwoNodes() throws Exception {
    Credentials other = w.nodes.get(4);
    // Both nodes win half of one request; each posts its own evidence and root.
    Round r =
        w.auction(
            Direction.UP,
            1,
            List.of(
                new Bid(node, SettlementWorld.POWER_W / 2, SettlementWorld.PRICE),
                new Bid(other, SettlementWorld.POWER_W / 2, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    Batch mine =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(w.honest(w.devices.get(0), ownerA, r.window(), 2_000)));
    Batch theirs =
        w.forRequest(
            other,
            r.request(),
            new RewardLedger(),
            List.of(
                w.honest(w.devices.get(2), ownerA, r.window(), 1_500),
                w.honest(w.devices.get(3), ownerB, r.window(), 1_500)));
    Posted p1 = w.post(node, r.request(), mine);
    Posted p2 = w.post(other, r.request(), theirs);
    w.passChallengeWindow();
    w.finalizeWithQuorum(p1.id(), p1.committee(), mine);
    w.finalizeWithQuorum(p2.id(), p2.committee(), theirs);

    var receipt =
        claimer()
            .claimMany(
                List.of(
                    new Settlement.Claim(
                        node.getAddress(),
                        ownerA,
                        mine.cumulative(ownerA),
                        mine.rewardProof(ownerA)),
                    new Settlement.Claim(
                        other.getAddress(),
                        ownerA,
                        theirs.cumulative(ownerA),
                        theirs.rewardProof(ownerA))))
            .send();

    assertThat(Settlement.getRewardClaimedEvents(receipt)).hasSize(2);
    BigInteger expected = mine.cumulative(ownerA).add(theirs.cumulative(ownerA));
    assertThat(w.balance(ownerA)).isEqualTo(expected);
    assertThat(w.settlement().claimed(other.getAddress(), ownerA).send())
        .isEqualTo(theirs.cumulative(ownerA));
    // An entry already claimed is skipped, the rest of the batch pays.
    var again =
        claimer()
            .claimMany(
                List.of(
                    new Settlement.Claim(
                        other.getAddress(),
                        ownerB,
                        theirs.cumulative(ownerB),
                        theirs.rewardProof(ownerB)),
                    new Settlement.Claim(
                        node.getAddress(),
                        ownerA,
                        mine.cumulative(ownerA),
                        mine.rewardProof(ownerA))))
            .send();
    assertThat(Settlement.getRewardClaimedEvents(again)).hasSize(1);
    assertThat(w.balance(ownerB)).isEqualTo(theirs.cumulative(ownerB));
    assertThat(w.balance(ownerA)).isEqualTo(expected);
    // A forged entry still reverts the batch.
    w.chain.assertReverts(
        () ->
            claimer()
                .claimMany(
                    List.of(
                        new Settlement.Claim(
                            node.getAddress(),
                            ownerB,
                            mine.cumulative(ownerA).add(BigInteger.ONE),
                            mine.rewardProof(ownerA))))
                .send(),
        "InvalidProof");
  }
}
