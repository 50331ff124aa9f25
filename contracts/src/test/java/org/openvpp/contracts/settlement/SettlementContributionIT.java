package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.contracts.settlement.SettlementWorld.CONTRIBUTION_PRICE;
import static org.openvpp.contracts.settlement.SettlementWorld.EPOCH_S;
import static org.openvpp.contracts.settlement.SettlementWorld.FLEX;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.openvpp.contracts.testing.AnvilExtension;
import org.web3j.crypto.Credentials;

/** Energy-contribution epochs: a funded pool pays exported energy at a fixed price per kWh. */
@ExtendWith(AnvilExtension.class)
class SettlementContributionIT {
  private SettlementWorld w;
  private Credentials node;
  private Credentials funder;
  private String owner;

  @BeforeEach
  void world(Anvil anvil) throws Exception {
    w = SettlementWorld.fresh(anvil);
    node = w.nodes.get(2);
    funder = w.chain.account(8);
    owner = SettlementWorld.freshAddress();
    // An epoch pays at most what the devices its node manages could export.
    w.manage(node, w.devices);
  }

  private void fund(long flex) throws Exception {
    BigInteger amount = FLEX.multiply(BigInteger.valueOf(flex));
    w.chain.mint(funder.getAddress(), flex);
    w.chain.token(funder).approve(w.settlementAddress(), amount).send();
    w.settlement(funder).fundContributions(amount).send();
  }

  /** The newest epoch that has ended, by chain time. */
  private long lastEndedEpoch() throws Exception {
    return w.market.now() / EPOCH_S - 1;
  }

  private static Window epochWindow(long epoch) {
    return new Window(epoch * EPOCH_S * 1000, (epoch + 1) * EPOCH_S * 1000);
  }

  private Batch epochBatch(long epoch, RewardLedger previous, long... exportedWh) throws Exception {
    List<DeviceEvidence> leaves =
        java.util.stream.IntStream.range(0, exportedWh.length)
            .mapToObj(i -> w.honest(w.devices.get(i), owner, epochWindow(epoch), exportedWh[i]))
            .toList();
    return w.forEpoch(previous, leaves);
  }

  /**
   * An epoch claims at most what its devices could physically export: min(deviceCount, devices the
   * node manages) × the largest rated power of any model × the epoch length (issue 10, item 3).
   */
  @Test
  void anEpochCannotClaimMoreThanItsDevicesCouldExport() throws Exception {
    fund(10);
    long epoch = lastEndedEpoch();
    long perDevice = SettlementWorld.RATED_W * EPOCH_S / 3_600;
    Batch full = epochBatch(epoch, new RewardLedger(), perDevice, perDevice);
    Batch over = epochBatch(epoch, new RewardLedger(), perDevice, perDevice + 1);
    var error =
        w.chain.assertReverts(
            () ->
                w.settlement(node)
                    .submitContribution(BigInteger.valueOf(epoch), over.evidence())
                    .send(),
            "DeliveryAboveCapacity");
    assertThat(error.arguments())
        .containsExactly(String.valueOf(2 * perDevice), String.valueOf(2 * perDevice + 1));
    // A node managing no devices can claim nothing, whatever deviceCount it posts.
    Credentials other = w.nodes.get(3);
    w.chain.assertReverts(
        () ->
            w.settlement(other)
                .submitContribution(BigInteger.valueOf(epoch), full.evidence())
                .send(),
        "DeliveryAboveCapacity");
    w.submitEpoch(node, epoch, full);
  }

  @Test
  void anyoneFundsThePool() throws Exception {
    BigInteger before = w.balance(w.settlementAddress());
    BigInteger amount = FLEX.multiply(BigInteger.valueOf(10));
    w.chain.mint(funder.getAddress(), 10);
    w.chain.token(funder).approve(w.settlementAddress(), amount).send();

    var receipt = w.settlement(funder).fundContributions(amount).send();

    var event = Settlement.getContributionsFundedEvents(receipt).get(0);
    assertThat(event.from).isEqualToIgnoringCase(funder.getAddress());
    assertThat(event.amount).isEqualTo(amount);
    assertThat(w.settlement().contributionPool().send()).isEqualTo(amount);
    assertThat(w.balance(w.settlementAddress())).isEqualTo(before.add(amount));
    assertThat(w.balance(funder.getAddress())).isZero();
  }

  @Test
  void aPastEpochIsReservedFromThePoolAndPaidOnFinalization() throws Exception {
    fund(10);
    BigInteger pool = w.settlement().contributionPool().send();
    long epoch = lastEndedEpoch();
    Batch b = epochBatch(epoch, new RewardLedger(), 400, 300);
    // 700 Wh at 0.05 FLEX per kWh.
    BigInteger payment =
        BigInteger.valueOf(700).multiply(CONTRIBUTION_PRICE).divide(BigInteger.valueOf(1_000));
    assertThat(b.payment()).isEqualTo(payment);

    var receipt =
        w.settlement(node).submitContribution(BigInteger.valueOf(epoch), b.evidence()).send();

    var event = Settlement.getEvidenceSubmittedEvents(receipt).get(0);
    assertThat(event.kind).isEqualTo(BigInteger.ONE); // Epoch
    assertThat(event.subject).isEqualTo(BigInteger.valueOf(epoch));
    assertThat(event.payment).isEqualTo(payment);
    assertThat(w.settlement().contributionPool().send()).isEqualTo(pool.subtract(payment));
    assertThat(
            w.settlement()
                .submissionOf(BigInteger.ONE, BigInteger.valueOf(epoch), node.getAddress())
                .send())
        .isEqualTo(event.submissionId);

    BigInteger id = event.submissionId;
    List<String> committee = w.draw(id);
    w.passChallengeWindow();
    BigInteger balance = w.balance(w.settlementAddress());
    var finalized = w.finalizeWithQuorum(id, committee, b);
    // Nothing moves at finalization: the pool already holds the payment.
    assertThat(Settlement.getFinalizedEvents(finalized).get(0).payment).isEqualTo(payment);
    assertThat(w.balance(w.settlementAddress())).isEqualTo(balance);
    w.settlement(w.challenger)
        .claim(node.getAddress(), owner, b.cumulative(owner), b.rewardProof(owner))
        .send();
    assertThat(w.balance(owner)).isEqualTo(w.settlement().ownerShare(payment).send());
    // The same epoch cannot be posted twice.
    w.chain.assertReverts(
        () -> w.settlement(node).submitContribution(BigInteger.valueOf(epoch), b.evidence()).send(),
        "AlreadySubmitted");
  }

  @Test
  void theCurrentEpochIsNotOverYet() throws Exception {
    fund(10);
    // Start a fresh epoch first, so the wall clock cannot end it before the submission lands.
    w.market.warpTo((w.market.now() / EPOCH_S + 1) * EPOCH_S + 1);
    long current = w.market.now() / EPOCH_S;
    Batch b = epochBatch(current, new RewardLedger(), 100);
    w.chain.assertReverts(
        () ->
            w.settlement(node).submitContribution(BigInteger.valueOf(current), b.evidence()).send(),
        "WindowNotEnded");
  }

  @Test
  void thePoolMustCoverThePayment() throws Exception {
    long epoch = lastEndedEpoch();
    Batch b = epochBatch(epoch, new RewardLedger(), 400);
    var error =
        w.chain.assertReverts(
            () ->
                w.settlement(node)
                    .submitContribution(BigInteger.valueOf(epoch), b.evidence())
                    .send(),
            "ContributionPoolTooSmall");
    assertThat(error.arguments()).containsExactly(b.payment().toString(), "0");
    // Funded with less than the payment: still refused, and nothing is reserved.
    BigInteger little = b.payment().subtract(BigInteger.ONE);
    w.chain.token(w.chain.admin()).mint(funder.getAddress(), little).send();
    w.chain.token(funder).approve(w.settlementAddress(), little).send();
    w.settlement(funder).fundContributions(little).send();
    w.chain.assertReverts(
        () -> w.settlement(node).submitContribution(BigInteger.valueOf(epoch), b.evidence()).send(),
        "ContributionPoolTooSmall");
    assertThat(w.settlement().contributionPool().send()).isEqualTo(little);
  }

  @Test
  void onlyActiveNodesContribute() throws Exception {
    fund(10);
    long epoch = lastEndedEpoch();
    Batch b = epochBatch(epoch, new RewardLedger(), 400);
    var error =
        w.chain.assertReverts(
            () ->
                w.settlement(funder)
                    .submitContribution(BigInteger.valueOf(epoch), b.evidence())
                    .send(),
            "NotActive");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(funder.getAddress());
  }

  @Test
  void fraudInAnEpochReturnsTheReservationAndARepostReservesAgain() throws Exception {
    fund(10);
    BigInteger funded = w.settlement().contributionPool().send();
    long older = lastEndedEpoch() - 1;
    long newer = older + 1;
    // Older epoch: the leaf claims 100 Wh more than its readings show.
    DeviceEvidence honest = w.honest(w.devices.get(0), owner, epochWindow(older), 300);
    DeviceEvidence inflated =
        w.leaf(
            w.devices.get(0),
            owner,
            honest.first().reading(),
            honest.last().reading(),
            0,
            honest.leaf().deliveredWh() + 100);
    Batch bad = w.forEpoch(new RewardLedger(), List.of(inflated));
    Batch next = epochBatch(newer, bad.ledger(), 200);
    BigInteger badId = w.submitEpoch(node, older, bad);
    BigInteger nextId = w.submitEpoch(node, newer, next);
    assertThat(w.settlement().contributionPool().send())
        .isEqualTo(funded.subtract(bad.payment()).subtract(next.payment()));

    var receipt =
        w.challenge(
            w.challenger, badId, bad.leaf(0), bad.proof(0), inflated.first(), inflated.last());
    assertThat(FraudProofs.getFraudProvenEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.valueOf(6)); // DeliveryMismatch
    // The reservation comes back, and the slash beyond the challenger's share goes to the pool.
    BigInteger rest = SettlementWorld.slashRest();
    assertThat(w.settlement().contributionPool().send())
        .isEqualTo(funded.subtract(next.payment()).add(rest));

    // The newer epoch's submission died with its generation; reposting it voids the old one,
    // returns its reservation and reserves the new one: the pool ends where it was.
    Batch again = epochBatch(newer, new RewardLedger(), 200);
    BigInteger againId = w.submitEpoch(node, newer, again);
    // Superseded: Expired (4). The fraudulent epoch itself is Voided (3) and may not be reposted.
    assertThat(w.settlement().getSubmission(nextId).send().status).isEqualTo(BigInteger.valueOf(4));
    assertThat(w.settlement().getSubmission(badId).send().status).isEqualTo(BigInteger.valueOf(3));
    w.chain.assertReverts(() -> w.submitEpoch(node, older, bad), "AlreadySubmitted");
    assertThat(w.settlement().contributionPool().send())
        .isEqualTo(funded.subtract(again.payment()).add(rest));
    List<String> committee = w.draw(againId);
    w.passChallengeWindow();
    w.finalizeWithQuorum(againId, committee, again);
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().claimTotal)
        .isEqualTo(again.ledger().total());
  }

  /**
   * A proven fraud kills the node's later pending epoch roots. Anyone expires a dead root
   * (Superseded), which returns its reservation to the pool, also long after the epoch's evidence
   * period; the node may still repost the epoch, reserving its payment again.
   */
  @Test
  void aDeadEpochRootIsExpiredAndReturnsItsReservation() throws Exception {
    fund(10);
    BigInteger funded = w.settlement().contributionPool().send();
    long older = lastEndedEpoch() - 1;
    long newer = older + 1;
    DeviceEvidence honest = w.honest(w.devices.get(0), owner, epochWindow(older), 300);
    DeviceEvidence inflated =
        w.leaf(
            w.devices.get(0),
            owner,
            honest.first().reading(),
            honest.last().reading(),
            0,
            honest.leaf().deliveredWh() + 1);
    Batch bad = w.forEpoch(new RewardLedger(), List.of(inflated));
    Batch next = epochBatch(newer, bad.ledger(), 200);
    BigInteger badId = w.submitEpoch(node, older, bad);
    BigInteger nextId = w.submitEpoch(node, newer, next);
    w.challenge(w.challenger, badId, bad.leaf(0), bad.proof(0), inflated.first(), inflated.last());
    w.market.warpTo((newer + 1) * EPOCH_S + SettlementWorld.EVIDENCE_PERIOD_S);
    var receipt = w.settlement(w.challenger).expire(nextId).send();
    assertThat(Settlement.getSubmissionExpiredEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.ZERO); // Superseded
    BigInteger rest = SettlementWorld.slashRest();
    assertThat(w.settlement().contributionPool().send()).isEqualTo(funded.add(rest));
    Batch again = epochBatch(newer, new RewardLedger(), 200);
    w.settlement(node).submitContribution(BigInteger.valueOf(newer), again.evidence()).send();
    assertThat(w.settlement().contributionPool().send())
        .isEqualTo(funded.add(rest).subtract(again.payment()));
  }
}
