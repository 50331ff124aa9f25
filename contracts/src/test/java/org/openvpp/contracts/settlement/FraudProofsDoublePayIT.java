package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.ChallengeCommitment;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Finding 7, paying the same readings twice: a leaf naming someone else than the registered owner,
 * a device the owner assigned to another node, readings after the device was revoked, one device
 * twice in a root, and one device in a request and an overlapping epoch of the same node were all
 * NoFraud and paid. Each is now a provable fraud.
 */
class FraudProofsDoublePayIT extends ChallengeTestBase {
  // FraudProofs.Fraud ordinals and Settlement.Status Voided.
  private static final int OWNER_MISMATCH = 9;
  private static final int ASSIGNED_TO_ANOTHER_NODE = 10;
  private static final int READING_AFTER_REVOCATION = 11;
  private static final int DUPLICATE_DEVICE = 12;
  private static final int OVERLAPPING_CLAIM = 13;
  private static final BigInteger VOIDED = BigInteger.valueOf(3);

  /** The device's registered owner, an account that can send the owner's transactions. */
  private Credentials registeredOwner() {
    return w.chain.account(8);
  }

  /** Binds device {@code i} to {@link #registeredOwner} (nonce 0: first binding). */
  private Credentials boundDevice(int i) throws Exception {
    Credentials device = w.devices.get(i);
    String to = registeredOwner().getAddress();
    byte[] sig =
        Signatures.sign(
            new OwnerBinding(to, BigInteger.ZERO).digest(w.oem.domain()), device.getEcKeyPair());
    w.chain.devices(w.challenger).bindOwner(device.getAddress(), to, sig).send();
    return device;
  }

  private void assertNoFraud(Posted p, int i) {
    DeviceEvidence leaf = p.batch().devices().get(i);
    assertChallengeReverts(p, i, leaf.first(), leaf.last(), "NoFraud");
  }

  /** Challenges leaf {@code i} and returns the proven reason (FraudProofs.Fraud ordinal). */
  private int provenReason(Posted p, int i) throws Exception {
    DeviceEvidence leaf = p.batch().devices().get(i);
    var receipt =
        w.challenge(
            w.challenger, p.id(), p.batch().leaf(i), p.batch().proof(i), leaf.first(), leaf.last());
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(VOIDED);
    return FraudProofs.getFraudProvenEvents(receipt).get(0).reason.intValueExact();
  }

  @Test
  void aLeafNamingAnotherOwnerThanTheRegisteredOneIsFraud() throws Exception {
    Credentials device = boundDevice(0);
    Credentials honestDevice = boundDevice(1);
    Round r = won();
    String registered = registeredOwner().getAddress();
    // The node pays the device's delivery to itself instead of the registered owner.
    Posted p =
        posted(
            r,
            List.of(
                w.honest(device, node.getAddress(), r.window(), MOVED_WH),
                w.honest(honestDevice, registered, r.window(), 900)));
    assertNoFraud(p, 1);
    assertThat(provenReason(p, 0)).isEqualTo(OWNER_MISMATCH);
  }

  @Test
  void aDeviceAssignedToAnotherNodeIsFraud() throws Exception {
    Credentials device = boundDevice(0);
    Credentials mine = boundDevice(1);
    setNode(device, w.nodes.get(0));
    setNode(mine, node);
    Round r = won();
    String registered = registeredOwner().getAddress();
    Posted p =
        posted(
            r,
            List.of(
                w.honest(device, registered, r.window(), 900),
                w.honest(mine, registered, r.window(), 900)));
    assertNoFraud(p, 1);
    assertThat(provenReason(p, 0)).isEqualTo(ASSIGNED_TO_ANOTHER_NODE);
  }

  @Test
  void readingsAfterTheDeviceWasRevokedAreFraud() throws Exception {
    Credentials device = boundDevice(0);
    w.oem.registry().revokeDevice(device.getAddress()).send();
    Round r = won();
    Posted p =
        posted(r, List.of(w.honest(device, registeredOwner().getAddress(), r.window(), 900)));
    assertThat(provenReason(p, 0)).isEqualTo(READING_AFTER_REVOCATION);
  }

  @Test
  void oneDeviceTwiceInARootIsFraud() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    DeviceEvidence once = w.honest(device, owner, r.window(), MOVED_WH);
    DeviceEvidence twice = shifted(device, r.window());
    DeviceEvidence other = w.honest(w.devices.get(1), owner, r.window(), 900);
    List<DeviceEvidence> leaves = List.of(once, twice, other);
    Batch b =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            leaves,
            EvidenceTree.allowingDuplicates(leaves.stream().map(DeviceEvidence::leaf).toList()));
    Posted p = w.post(node, r.request(), b);
    // Each leaf alone is honest; two leaves of different devices, or one leaf twice, prove nothing.
    assertNoFraud(p, 0);
    assertNoFraud(p, 1);
    w.chain.assertReverts(() -> challengeDuplicate(p, 0, 2), "NoFraud");
    w.chain.assertReverts(() -> challengeDuplicate(p, 0, 0), "NoFraud");

    var receipt = challengeDuplicate(p, 0, 1);

    var proven = FraudProofs.getFraudProvenEvents(receipt).get(0);
    assertThat(proven.reason.intValueExact()).isEqualTo(DUPLICATE_DEVICE);
    assertThat(proven.device).isEqualToIgnoringCase(device.getAddress());
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(VOIDED);
  }

  @Test
  void oneDeviceInARequestAndTheOverlappingEpochVoidsTheLaterPendingOne() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    Batch request =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(
                w.honest(device, owner, r.window(), MOVED_WH),
                w.honest(w.devices.get(1), owner, r.window(), 900)));
    Posted req = w.post(node, r.request(), request);
    long epoch = r.timing().start() / SettlementWorld.EPOCH_S + 1;
    Window epochWindow =
        new Window(
            epoch * SettlementWorld.EPOCH_S * 1000, (epoch + 1) * SettlementWorld.EPOCH_S * 1000);
    fundPool();
    Batch contribution =
        w.forEpoch(request.ledger(), List.of(w.honest(device, owner, epochWindow, 400)));
    BigInteger epochId = w.submitEpoch(node, epoch, contribution);
    Posted ep = new Posted(epochId, contribution, w.draw(epochId));
    assertNoFraud(req, 0);
    assertNoFraud(ep, 0);
    // Leaves of two different devices prove nothing.
    w.chain.assertReverts(() -> challengeOverlap(req, 1, ep, 0), "NoFraud");

    var receipt = challengeOverlap(req, 0, ep, 0);

    var proven = FraudProofs.getFraudProvenEvents(receipt).get(0);
    assertThat(proven.reason.intValueExact()).isEqualTo(OVERLAPPING_CLAIM);
    assertThat(proven.submissionId).isEqualTo(ep.id()); // the later of two pending ones
    assertThat(w.settlement().getSubmission(ep.id()).send().status).isEqualTo(VOIDED);
    // The request itself is not voided (as after any fraud, the node reposts it on a new chain).
    assertThat(w.settlement().getSubmission(req.id()).send().status).isEqualTo(BigInteger.ONE);
  }

  @Test
  void aPendingEpochOverlappingAFinalizedRequestIsVoided() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    Batch request =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(w.honest(device, owner, r.window(), 900)));
    Posted req = w.settle(node, r.request(), request);
    long epoch = r.timing().start() / SettlementWorld.EPOCH_S + 2;
    Window epochWindow =
        new Window(
            epoch * SettlementWorld.EPOCH_S * 1000, (epoch + 1) * SettlementWorld.EPOCH_S * 1000);
    fundPool();
    Batch contribution =
        w.forEpoch(request.ledger(), List.of(w.honest(device, owner, epochWindow, 400)));
    BigInteger epochId = w.submitEpoch(node, epoch, contribution);
    Posted ep = new Posted(epochId, contribution, w.draw(epochId));

    // Named either way round, the finalized request is kept and the pending epoch voided.
    var receipt = challengeOverlap(req, 0, ep, 0);

    assertThat(FraudProofs.getFraudProvenEvents(receipt).get(0).submissionId).isEqualTo(ep.id());
    assertThat(w.settlement().getSubmission(ep.id()).send().status).isEqualTo(VOIDED);
    assertThat(w.settlement().getSubmission(req.id()).send().status).isEqualTo(BigInteger.TWO);
  }

  private TransactionReceipt challengeDuplicate(Posted p, int i, int j) throws Exception {
    EvidenceLeaf a = p.batch().devices().get(i).leaf();
    EvidenceLeaf b = p.batch().devices().get(j).leaf();
    byte[] salt = w.commit(w.challenger, p.id(), ChallengeCommitment.duplicateHash(a, b));
    return w.fraudProofs(w.challenger)
        .challengeDuplicate(
            p.id(),
            p.batch().leaf(i),
            p.batch().proof(i),
            p.batch().leaf(j),
            p.batch().proof(j),
            salt)
        .send();
  }

  private TransactionReceipt challengeOverlap(Posted p, int i, Posted other, int j)
      throws Exception {
    EvidenceLeaf a = p.batch().devices().get(i).leaf();
    EvidenceLeaf b = other.batch().devices().get(j).leaf();
    byte[] salt = w.commit(w.challenger, p.id(), ChallengeCommitment.overlapHash(other.id(), a, b));
    return w.fraudProofs(w.challenger)
        .challengeOverlap(
            p.id(),
            p.batch().leaf(i),
            p.batch().proof(i),
            other.id(),
            other.batch().leaf(j),
            other.batch().proof(j),
            salt)
        .send();
  }

  /** A second, different leaf of {@code device} over the same window (other sequence numbers). */
  private DeviceEvidence shifted(Credentials device, Window win) {
    MeterReading a = SettlementWorld.firstReading(device, win);
    MeterReading b = SettlementWorld.lastReading(device, win, 2_000, Direction.UP);
    MeterReading a2 =
        new MeterReading(
            device.getAddress(), 30, a.timestampMs(), a.importWh(), a.exportWh(), 0, 500);
    MeterReading b2 =
        new MeterReading(
            device.getAddress(), 40, b.timestampMs(), b.importWh(), b.exportWh(), 0, 300);
    return w.leaf(device, owner, a2, b2, 0, 2_000);
  }

  /** The owner assigns {@code device} to {@code managingNode} (DeviceRegistry.setNode). */
  private void setNode(Credentials device, Credentials managingNode) throws Exception {
    w.chain
        .devices(registeredOwner())
        .setNode(device.getAddress(), managingNode.getAddress())
        .send();
  }

  private void fundPool() throws Exception {
    Credentials funder = w.chain.account(8);
    BigInteger amount = SettlementWorld.FLEX.multiply(BigInteger.valueOf(100));
    w.chain.mint(funder.getAddress(), 100);
    w.chain.token(funder).approve(w.settlementAddress(), amount).send();
    w.settlement(funder).fundContributions(amount).send();
  }
}
