package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.Delivery;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.settlement.SettlementWorld.Bid;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Signed;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.openvpp.contracts.testing.Oem;
import org.web3j.crypto.Credentials;

/** Fraud challenges that prove nothing: every way a challenge is refused. */
class SettlementChallengeIT extends ChallengeTestBase {

  // -------------------------------------------------------------- refusals

  @Test
  void onlyFraudProofsMayVoidARoot() throws Exception {
    Round r = won();
    Posted p = posted(r, honestPair(r.window()));
    var error =
        w.chain.assertReverts(
            () -> w.settlement(w.challenger).voidForFraud(p.id(), w.challenger.getAddress()).send(),
            "NotFraudProofs");
    assertThat(error.arguments().get(0)).isEqualToIgnoringCase(w.challenger.getAddress());
    assertThat(w.settlement().getSubmission(p.id()).send().status).isEqualTo(BigInteger.ONE);
  }

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
            w.challenge(
                w.challenger,
                p.id(),
                p.batch().leaf(0),
                p.batch().proof(1),
                leaf.first(),
                leaf.last()),
        "InvalidProof");
    // A leaf altered after the fact (one more Wh) is not in the root.
    FraudProofs.Leaf l = p.batch().leaf(0);
    FraudProofs.Leaf altered =
        new FraudProofs.Leaf(
            l.device,
            l.owner,
            l.firstReading,
            l.lastReading,
            l.baselineWh,
            l.deliveredWh.add(BigInteger.ONE));
    w.chain.assertReverts(
        () ->
            w.challenge(
                w.challenger, p.id(), altered, p.batch().proof(0), leaf.first(), leaf.last()),
        "InvalidProof");
  }

  @Test
  void readingsAtTheSlacksEdgeDeliveringExactlyRatedPowerAreHonest() throws Exception {
    // The mirror of the fraud cases in SettlementFraudIT, one step inside every bound.
    Round r = won();
    Credentials device = w.devices.get(2);
    long slack = SettlementWorld.SLACK_MS;
    MeterReading a = SettlementWorld.firstReading(device, r.window());
    a =
        new MeterReading(
            device.getAddress(),
            a.sequence(),
            r.window().startMs() - slack,
            a.importWh(),
            a.exportWh(),
            0,
            0);
    MeterReading probe = SettlementWorld.lastReading(device, r.window(), 0, Direction.UP);
    probe =
        new MeterReading(
            device.getAddress(),
            probe.sequence(),
            r.window().endMs() + slack,
            probe.importWh(),
            probe.exportWh(),
            0,
            0);
    long ceiling = Delivery.ceilingWh(SettlementWorld.RATED_W, a, probe);
    MeterReading b =
        new MeterReading(
            device.getAddress(),
            probe.sequence(),
            probe.timestampMs(),
            probe.importWh(),
            probe.exportWh() + ceiling,
            0,
            0);
    DeviceEvidence leaf = w.leaf(device, owner, a, b, 0, ceiling);
    Posted p = posted(r, List.of(leaf));
    assertChallengeReverts(p, 0, leaf.first(), leaf.last(), "NoFraud");
  }

  /**
   * A battery that would have charged at full power (baseline −ceiling) and discharges at full
   * power instead truly delivers twice the rated energy; that must not count as fraud.
   */
  @Test
  void aBatterySwingingFromFullChargeToFullDischargeIsNotFraud() throws Exception {
    Round r = w.win(node);
    w.warpPastEnd(r);
    Credentials device = w.devices.get(0);
    MeterReading a = SettlementWorld.firstReading(device, r.window());
    MeterReading probe = SettlementWorld.lastReading(device, r.window(), 0, Direction.UP);
    long ceiling = Delivery.ceilingWh(SettlementWorld.RATED_W, a, probe);
    MeterReading b = SettlementWorld.lastReading(device, r.window(), ceiling, Direction.UP);
    DeviceEvidence leaf = w.leaf(device, owner, a, b, -ceiling, 2 * ceiling);
    Posted p = posted(r, List.of(leaf));
    assertChallengeReverts(p, 0, leaf.first(), leaf.last(), "NoFraud");
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
}
