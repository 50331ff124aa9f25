package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.evidence.Delivery;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.PhysicalCeiling;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FraudProofs;
import org.openvpp.contracts.settlement.SettlementWorld.Posted;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.web3j.crypto.Credentials;

/**
 * Finding 5 as a property: no physically honest trace of a device within its rating is provable
 * fraud. A trace is any power profile with |power| ≤ rated power between two readings anywhere
 * within the reading slack of the window's edges, the registers floored to whole Wh from any
 * fractional start, and any baseline the device could have followed. FraudProofs.fraudOf (the rules
 * a challenge applies, without proofs and signatures) must report None for it, and must report
 * AboveRatedPower / BaselineAboveRatedPower for the same trace one Wh above the ceiling.
 *
 * <p>jqwik does not run JUnit 5 extensions, so the class starts one Anvil on first use, posts one
 * root for a won request (the window every trace is checked against) and stops the chain after the
 * last try. Each try is three eth_calls.
 */
class PhysicalCeilingPropertyIT {
  private static final long WH = 3_600_000L; // W·ms per Wh
  private static final long RATED_W = SettlementWorld.RATED_W;

  private static Fixture fixture;

  private record Fixture(Anvil anvil, SettlementWorld w, BigInteger submissionId, Window window) {}

  private static synchronized Fixture fixture() throws Exception {
    if (fixture == null) {
      Anvil anvil = Anvil.start();
      try {
        SettlementWorld w = SettlementWorld.fresh(anvil);
        Credentials node = w.nodes.get(1);
        Round r = w.win(node);
        w.warpPastEnd(r);
        String owner = SettlementWorld.freshAddress();
        Posted p =
            w.post(
                node,
                r.request(),
                w.forRequest(
                    node,
                    r.request(),
                    new RewardLedger(),
                    List.of(w.honest(w.devices.get(0), owner, r.window(), 1_000))));
        fixture = new Fixture(anvil, w, p.id(), r.window());
      } catch (Exception | Error e) {
        anvil.close();
        throw e;
      }
    }
    return fixture;
  }

  @AfterContainer
  static void stopChain() {
    if (fixture != null) {
      fixture.anvil().close();
      fixture = null;
    }
  }

  /**
   * A trace: where the readings lie relative to the window's edges, the power of each segment
   * (positive exports), where the segments end (fractions of the span), the registers' fractional
   * start in W·ms, and the baseline as a fraction of the most the device could have moved.
   */
  record Trace(
      long firstOffsetMs,
      long lastOffsetMs,
      List<Long> powersW,
      List<Integer> cutsPermille,
      long importFraction,
      long exportFraction,
      int baselinePermille) {}

  @Provide
  Arbitrary<Trace> traces() {
    long slack = SettlementWorld.SLACK_MS;
    Arbitrary<Long> offsets = Arbitraries.longs().between(-slack, slack);
    Arbitrary<List<Long>> powers =
        Arbitraries.longs().between(-RATED_W, RATED_W).list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<List<Integer>> cuts = Arbitraries.integers().between(0, 1_000).list().ofSize(5);
    Arbitrary<Long> fractions = Arbitraries.longs().between(0, WH - 1);
    Arbitrary<Integer> baseline = Arbitraries.integers().between(-1_000, 1_000);
    return Combinators.combine(offsets, offsets, powers, cuts, fractions, fractions, baseline)
        .as(Trace::new);
  }

  @Property(tries = 60)
  void anHonestTraceWithinTheRatingIsNeverFraudAndOneWhAboveTheCeilingIs(
      @ForAll("traces") Trace trace) throws Exception {
    Fixture f = fixture();
    FraudProofs fraudProofs = f.w().fraudProofs(f.w().challenger);
    Credentials device = f.w().devices.get(0);
    long t0 = f.window().startMs() + trace.firstOffsetMs();
    long t1 = f.window().endMs() + trace.lastOffsetMs();
    long span = t1 - t0;

    // Integrate the profile exactly in W·ms; registers start at a fractional Wh and are floored.
    List<Long> ends = new ArrayList<>();
    for (int i = 0; i < trace.powersW().size() - 1; i++) {
      ends.add(span * trace.cutsPermille().get(i) / 1_000);
    }
    ends.add(span);
    ends.sort(Long::compare);
    long importWms = 1_000 * WH + trace.importFraction();
    long exportWms = 5_000 * WH + trace.exportFraction();
    long firstImport = Math.floorDiv(importWms, WH);
    long firstExport = Math.floorDiv(exportWms, WH);
    long from = 0;
    for (int i = 0; i < ends.size(); i++) {
      long p = trace.powersW().get(i);
      long energy = Math.abs(p) * (ends.get(i) - from);
      if (p >= 0) {
        exportWms += energy;
      } else {
        importWms += energy;
      }
      from = ends.get(i);
    }
    MeterReading a =
        new MeterReading(device.getAddress(), 10, t0, firstImport, firstExport, 0, 500);
    MeterReading b =
        new MeterReading(
            device.getAddress(),
            20,
            t1,
            Math.floorDiv(importWms, WH),
            Math.floorDiv(exportWms, WH),
            0,
            500);
    long most = RATED_W * span / WH; // whole Wh the device could truly have moved
    long baseline = most * trace.baselinePermille() / 1_000;

    assertThat(fraudOf(fraudProofs, f.submissionId(), a, b, baseline)).isZero();

    long ceiling = PhysicalCeiling.ceilingWh(RATED_W, span);
    long moved = (b.importWh() - a.importWh()) + (b.exportWh() - a.exportWh());
    MeterReading above =
        new MeterReading(
            b.device(),
            b.sequence(),
            b.timestampMs(),
            b.importWh(),
            b.exportWh() + (ceiling + 1 - moved),
            0,
            500);
    assertThat(fraudOf(fraudProofs, f.submissionId(), a, above, baseline)).isEqualTo(7);
    long tooLarge = baseline < 0 ? -(ceiling + 1) : ceiling + 1;
    assertThat(fraudOf(fraudProofs, f.submissionId(), a, b, tooLarge)).isEqualTo(8);
  }

  /** The reason FraudProofs proves for a leaf over {@code a} and {@code b} claiming the truth. */
  private static int fraudOf(
      FraudProofs fraudProofs,
      BigInteger submissionId,
      MeterReading a,
      MeterReading b,
      long baseline)
      throws Exception {
    long delivered = Delivery.deliveredWh(a, b, baseline, Direction.UP);
    EvidenceLeaf leaf =
        new EvidenceLeaf(a.device(), a.device(), new byte[32], new byte[32], baseline, delivered);
    return fraudProofs
        .fraudOf(
            submissionId,
            SettlementWorld.toContract(leaf),
            SettlementWorld.toContract(a),
            SettlementWorld.toContract(b))
        .send()
        .intValueExact();
  }
}
