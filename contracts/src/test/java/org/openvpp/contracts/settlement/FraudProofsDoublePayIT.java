package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.identity.OwnerBinding;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.openvpp.contracts.tx.Transactions;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;

/**
 * Finding 7, paying the same readings twice: a leaf naming someone else than the registered owner,
 * a device the owner assigned to another node, readings after the device was revoked, one device
 * twice in a root, and one device in a request and an overlapping epoch of the same node.
 */
class FraudProofsDoublePayIT extends ChallengeTestBase {

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

  @Test
  @Disabled("finding: paying the same readings twice (7)")
  void aLeafNamingAnotherOwnerThanTheRegisteredOneIsNoFraudToday() throws Exception {
    Credentials device = boundDevice(0);
    Round r = won();
    // The node pays the device's delivery to itself instead of the registered owner.
    DeviceEvidence leaf = w.honest(device, node.getAddress(), r.window(), MOVED_WH);
    Posted p = posted(r, List.of(leaf));
    assertNoFraud(p, 0);
  }

  @Test
  @Disabled("finding: paying the same readings twice (7)")
  void aDeviceAssignedToAnotherNodeIsNoFraudToday() throws Exception {
    Credentials device = boundDevice(0);
    setNode(device, w.nodes.get(0));
    Round r = won();
    Posted p =
        posted(r, List.of(w.honest(device, registeredOwner().getAddress(), r.window(), 900)));
    assertNoFraud(p, 0);
  }

  @Test
  @Disabled("finding: paying the same readings twice (7)")
  void readingsAfterTheDeviceWasRevokedAreNoFraudToday() throws Exception {
    Credentials device = boundDevice(0);
    w.oem.registry().revokeDevice(device.getAddress()).send();
    Round r = won();
    Posted p =
        posted(r, List.of(w.honest(device, registeredOwner().getAddress(), r.window(), 900)));
    assertNoFraud(p, 0);
  }

  @Test
  @Disabled("finding: paying the same readings twice (7)")
  void oneDeviceTwiceInARootIsPaidTwice() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    DeviceEvidence once = w.honest(device, owner, r.window(), MOVED_WH);
    DeviceEvidence twice = shifted(device, r.window());
    List<DeviceEvidence> leaves = List.of(once, twice);
    Batch b =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            leaves,
            EvidenceTree.allowingDuplicates(leaves.stream().map(DeviceEvidence::leaf).toList()));
    Posted p = w.post(node, r.request(), b);
    assertNoFraud(p, 0);
    assertNoFraud(p, 1);
    w.passChallengeWindow();
    w.finalizeWithQuorum(p.id(), p.committee(), b); // the attack: both leaves are paid
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().claimTotal)
        .isEqualTo(b.ledger().total());
  }

  @Test
  @Disabled("finding: paying the same readings twice (7)")
  void oneDeviceInARequestAndTheOverlappingEpochIsPaidTwice() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    Batch request =
        w.forRequest(
            node,
            r.request(),
            new RewardLedger(),
            List.of(w.honest(device, owner, r.window(), MOVED_WH)));
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
    w.passChallengeWindow();
    w.finalizeWithQuorum(req.id(), req.committee(), request);
    w.finalizeWithQuorum(ep.id(), ep.committee(), contribution); // the attack: both are paid
    assertThat(w.settlement().nodeRewards(node.getAddress()).send().claimTotal)
        .isEqualTo(contribution.ledger().total());
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

  /**
   * The owner assigns {@code device} to {@code managingNode} (DeviceRegistry.setNode, ADR 0007),
   * sent as raw calldata: the skeleton declares it pure, so the wrapper has no method for it yet.
   */
  private void setNode(Credentials device, Credentials managingNode) throws Exception {
    String data =
        FunctionEncoder.encode(
            new Function(
                "setNode",
                List.of(new Address(device.getAddress()), new Address(managingNode.getAddress())),
                List.of()));
    var tx =
        Transactions.manager(w.anvil.web3j(), registeredOwner(), w.anvil.chainId())
            .sendTransaction(
                Transactions.GAS_PRICE,
                Transactions.GAS_LIMIT,
                w.chain.deployment().deviceRegistry(),
                data,
                BigInteger.ZERO);
    var receipt = w.anvil.web3j().ethGetTransactionReceipt(tx.getTransactionHash()).send();
    assertThat(receipt.getTransactionReceipt())
        .hasValueSatisfying(t -> assertThat(t.isStatusOK()).isTrue());
  }

  private void fundPool() throws Exception {
    Credentials funder = w.chain.account(8);
    BigInteger amount = SettlementWorld.FLEX.multiply(BigInteger.valueOf(100));
    w.chain.mint(funder.getAddress(), 100);
    w.chain.token(funder).approve(w.settlementAddress(), amount).send();
    w.settlement(funder).fundContributions(amount).send();
  }
}
