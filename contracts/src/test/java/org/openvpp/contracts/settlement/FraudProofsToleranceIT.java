package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.PhysicalCeiling;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.web3j.crypto.Credentials;

/**
 * Finding 5, honest nodes slashed at rated power: registers count whole Wh, so a battery
 * discharging at exactly its rated power shows up to one Wh more on its floored register than rated
 * power × time, and a ceiling without tolerance proves that honest trace fraudulent.
 */
class FraudProofsToleranceIT extends ChallengeTestBase {

  @Test
  void aBatteryAtExactlyRatedPowerWithFlooredRegistersIsNoFraud() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    // 5 kW for 3,596 s (2 s inside each window edge) is 4,994.44 Wh. The export register truly
    // read 1,000.6 Wh at the first reading and 5,995.04 Wh at the last: floored, 1,000 and 5,995.
    long t0 = r.window().startMs() + 2_000;
    long t1 = r.window().endMs() - 2_000;
    MeterReading a = new MeterReading(device.getAddress(), 10, t0, 100, 1_000, 5_000, 500);
    MeterReading b = new MeterReading(device.getAddress(), 20, t1, 100, 5_995, 5_000, 130);
    DeviceEvidence leaf = w.leaf(device, owner, a, b, 0, 4_995);
    Posted p = posted(r, List.of(leaf));

    assertChallengeReverts(p, 0, leaf.first(), leaf.last(), "NoFraud");
  }

  @Test
  void oneWhAboveTheToleratedCeilingIsFraud() throws Exception {
    Round r = won();
    Credentials device = w.devices.get(0);
    long t0 = r.window().startMs() + 2_000;
    long t1 = r.window().endMs() - 2_000;
    long ceiling = PhysicalCeiling.ceilingWh(SettlementWorld.RATED_W, t1 - t0);
    assertThat(
            w.fraudProofs(w.challenger)
                .physicalCeilingWh(
                    BigInteger.valueOf(SettlementWorld.RATED_W), BigInteger.valueOf(t1 - t0))
                .send())
        .isEqualTo(BigInteger.valueOf(ceiling));
    MeterReading a = new MeterReading(device.getAddress(), 10, t0, 100, 1_000, 5_000, 500);
    MeterReading b =
        new MeterReading(device.getAddress(), 20, t1, 100, 1_000 + ceiling + 1, 5_000, 130);
    DeviceEvidence leaf = w.leaf(device, owner, a, b, 0, ceiling + 1);
    Posted p = posted(r, List.of(leaf));

    var receipt =
        w.challenge(
            w.challenger, p.id(), p.batch().leaf(0), p.batch().proof(0), leaf.first(), leaf.last());

    assertThat(FraudProofs.getFraudProvenEvents(receipt).get(0).reason)
        .isEqualTo(BigInteger.valueOf(7)); // AboveRatedPower
  }
}
