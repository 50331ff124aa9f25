package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.ContractStructs;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBuilder;
import org.openvpp.contracts.evidence.EvidenceBuilder.DeviceReadings;
import org.openvpp.contracts.evidence.EvidenceBuilder.Excluded;
import org.openvpp.contracts.evidence.EvidenceBuilder.Exclusion;
import org.openvpp.contracts.evidence.EvidenceBuilder.Selection;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.SignedMeterReading;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.settlement.SettlementWorld.DeviceEvidence;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Signed;
import org.web3j.crypto.Credentials;

/**
 * EvidenceBuilder against FraudProofs on a real chain: what it selects from stored readings proves
 * no fraud (fraudOf is None, a challenge reverts NoFraud), and every device it leaves out would
 * have been provable fraud for the reason FraudProofs gives.
 */
class EvidenceBuilderIT extends ChallengeTestBase {
  /** Fraud ordinals of FraudProofs.Fraud. */
  private static final int NONE = 0;

  private static final int READING_OUTSIDE_WINDOW = 5;
  private static final int ABOVE_RATED_POWER = 7;

  @Test
  void selectedLeavesProveNoFraudAndLeftOutOnesWouldHave() throws Exception {
    Round r = won();
    long start = r.window().startMs();
    long end = r.window().endMs();
    long slack = SettlementWorld.SLACK_MS;
    List<Credentials> keys = w.devices;
    List<DeviceReadings> stored =
        List.of(
            // A reading every minute from 10 min before to 10 min after, 1 Wh each.
            readings(keys.get(0), every(start - 600_000, end + 600_000, 60_000), 1),
            // Only two readings, each exactly at the slack's far edge.
            readings(keys.get(1), new long[] {start - slack, end + slack}, 4_000),
            // Its first reading 1 ms beyond the slack: outside the window.
            readings(keys.get(2), new long[] {start - slack - 1, end}, 3_000),
            // 6 kWh in an hour from a 5 kW battery: above its rated power.
            readings(keys.get(3), new long[] {start, end}, 6_000));
    EvidenceBuilder builder = new EvidenceBuilder(w.meter);
    Selection s =
        builder.select(new EvidenceBuilder.Window(start, end, Direction.UP, slack), stored);

    assertThat(s.windows())
        .extracting(DeviceWindow::device)
        .containsExactly(stored.get(0).device(), stored.get(1).device());
    assertThat(s.excluded())
        .containsExactly(
            new Excluded(stored.get(2).device(), Exclusion.NO_READING_AT_START),
            new Excluded(stored.get(3).device(), Exclusion.ABOVE_RATED_POWER));

    List<DeviceEvidence> leaves = new ArrayList<>();
    for (DeviceWindow dw : s.windows()) {
      leaves.add(evidence(dw));
    }
    Posted p = posted(r, leaves);
    assertThat(p.batch().tree().root()).isEqualTo(builder.tree(s.windows()).root());
    FraudProofs fp = w.fraudProofs(w.challenger);
    for (DeviceEvidence leaf : leaves) {
      assertThat(fraud(fp, p, leaf)).as(leaf.leaf().device()).isEqualTo(NONE);
    }
    assertChallengeReverts(p, 0, leaves.get(0).first(), leaves.get(0).last(), "NoFraud");

    // What a node that ignored the exclusions would have posted for the two left out.
    DeviceEvidence outside = evidence(edges(stored.get(2)));
    DeviceEvidence tooFast = evidence(edges(stored.get(3)));
    assertThat(fraud(fp, p, outside)).isEqualTo(READING_OUTSIDE_WINDOW);
    assertThat(fraud(fp, p, tooFast)).isEqualTo(ABOVE_RATED_POWER);
  }

  private static long[] every(long from, long to, long step) {
    int n = (int) ((to - from) / step) + 1;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = from + i * step;
    }
    return out;
  }

  /** Readings signed by the device at {@code times}, export growing {@code whEach} per reading. */
  private DeviceReadings readings(Credentials key, long[] times, long whEach) {
    List<SignedMeterReading> out = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      MeterReading m =
          new MeterReading(key.getAddress(), 10 + i, times[i], 100, 1_000 + i * whEach, 0, 0);
      out.add(SignedMeterReading.sign(w.meter, m, key.getEcKeyPair()));
    }
    return new DeviceReadings(key.getAddress(), owner, SettlementWorld.RATED_W, 0, out);
  }

  /** A window over a device's first and last stored readings, whatever the rules say. */
  private static DeviceWindow edges(DeviceReadings d) {
    return new DeviceWindow(
        d.owner(),
        d.readings().get(0),
        d.readings().get(d.readings().size() - 1),
        d.baselineWh(),
        Direction.UP);
  }

  private DeviceEvidence evidence(DeviceWindow dw) {
    return new DeviceEvidence(
        dw.leaf(w.meter),
        new Signed(dw.first().reading(), dw.first().signature()),
        new Signed(dw.last().reading(), dw.last().signature()));
  }

  private static int fraud(FraudProofs fp, Posted p, DeviceEvidence leaf) throws Exception {
    return fp.fraudOf(
            p.id(),
            leaf.contractLeaf(),
            ContractStructs.reading(leaf.first().reading()),
            ContractStructs.reading(leaf.last().reading()))
        .send()
        .intValueExact();
  }
}
