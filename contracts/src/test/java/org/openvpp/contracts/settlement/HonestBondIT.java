package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.deploy.MarketParameters;
import org.openvpp.contracts.evidence.Delivery;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.settlement.SettlementWorld.Batch;
import org.openvpp.contracts.settlement.SettlementWorld.Round;
import org.openvpp.contracts.settlement.SettlementWorld.Window;
import org.web3j.crypto.Credentials;

/**
 * An honest node that delivers its whole award must get its whole performance bond back, although
 * its device reads its meter periodically: the first reading of the window comes a few seconds
 * after the start and the last a few seconds before the end, so the energy measured between them is
 * a little less than the energy delivered over the window. The delivery grace (market parameter
 * deliveryGraceSeconds) forgives that shortfall in the bond and nothing in the payment; what a
 * cheater gains by under-delivering on purpose is bounded by it.
 */
class HonestBondIT extends ChallengeTestBase {
  /** A device reading every 10 s, its clock 2.7 s ahead of the window's grid. */
  private static final long CADENCE_MS = 10_000;

  private static final long PHASE_MS = -2_700;

  private static final long AWARDED_W = SettlementWorld.RATED_W;
  private static final long GRACE_S = MarketParameters.DEFAULT_DELIVERY_GRACE_SECONDS;
  private static final BigInteger FLEX = SettlementWorld.FLEX;

  @Test
  void anHonestFullDeliveryReadAtARealisticCadenceGetsItsWholeBondBack() throws Exception {
    Award award = awardWon();
    // The device exports at exactly its awarded (rated) power over the whole window.
    MeterReading first = reading(award.window(), AWARDED_W, true);
    MeterReading last = reading(award.window(), AWARDED_W, false);
    long measuredWh = Delivery.deliveredWh(first, last, 0, Direction.UP);
    // The readings miss up to one cadence at each end of the window (the window's start is a block
    // time, so where the grid falls, and the exact figure, changes from run to run): 5,000 Wh less
    // up to 2 × 10 s × 5 kW = 27.8 Wh, and always something short of the whole.
    long shortfallBoundWh = 2 * CADENCE_MS * AWARDED_W / 3_600_000;
    assertThat(measuredWh)
        .as("measured between the readings")
        .isLessThan(5_000)
        .isGreaterThanOrEqualTo(5_000 - shortfallBoundWh - 1);

    Outcome o = settle(award, first, last, measuredWh);

    assertThat(o.forfeited()).as("bond forfeited").isZero();
    assertThat(o.returned()).isEqualTo(award.bond());
    assertThat(o.payment()).as("payment follows the measured energy").isEqualTo(paid(measuredWh));
  }

  /**
   * A cheater stops its device early on purpose, by as much as the grace forgives: 5,000 W × 150 s
   * = 208.3 Wh, so it delivers 4,792 Wh (the least that still credits the whole award). It keeps
   * its whole bond, where the strict rule would have forfeited 208/5,000 of it (0.0208 FLEX), and
   * is paid only for the 4,792 Wh: it gives up 208 Wh × 0.2 FLEX/kWh = 0.0416 FLEX of payment. One
   * Wh less and the bond of the missing fraction is forfeited.
   */
  @Test
  void underDeliveringByTheGraceOnPurposeKeepsTheBondButIsPaidOnlyWhatWasDelivered()
      throws Exception {
    Award award = awardWon();
    MeterReading first = reading(award.window(), AWARDED_W, true);
    MeterReading stopped = stoppedEarly(first, reading(award.window(), AWARDED_W, false), 4_792);

    Outcome o = settle(award, first, stopped, 4_792);

    assertThat(o.forfeited()).isZero();
    assertThat(o.returned()).isEqualTo(award.bond());
    BigInteger strictReturn =
        award.bond().multiply(BigInteger.valueOf(4_792)).divide(BigInteger.valueOf(5_000));
    BigInteger forgiven = award.bond().subtract(strictReturn);
    BigInteger bound =
        MarketParameters.defaults()
            .bondPerKWh()
            .multiply(BigInteger.valueOf(AWARDED_W * GRACE_S))
            .divide(BigInteger.valueOf(3_600_000));
    assertThat(forgiven)
        .as("what the grace lets the cheater keep: at most awardedW × grace × bond rate")
        .isLessThanOrEqualTo(bound)
        .isEqualTo(FLEX.multiply(BigInteger.valueOf(208)).divide(BigInteger.valueOf(10_000)));
    assertThat(o.payment()).isEqualTo(paid(4_792));
    assertThat(paid(5_000).subtract(o.payment()))
        .as("the payment it gave up is more than the bond it kept")
        .isGreaterThan(forgiven);
  }

  @Test
  void oneWhBelowTheGraceBoundaryForfeitsTheBondOfTheMissingFraction() throws Exception {
    Award award = awardWon();
    MeterReading first = reading(award.window(), AWARDED_W, true);
    MeterReading stopped = stoppedEarly(first, reading(award.window(), AWARDED_W, false), 4_791);

    Outcome o = settle(award, first, stopped, 4_791);

    // (4,791 × 3,600 + 5,000 × 150) / (5,000 × 3,600) = 17,997,600 / 18,000,000 of the bond.
    BigInteger returned =
        award
            .bond()
            .multiply(BigInteger.valueOf(17_997_600))
            .divide(BigInteger.valueOf(18_000_000));
    assertThat(o.returned()).isEqualTo(returned);
    assertThat(o.forfeited()).isEqualTo(award.bond().subtract(returned)).isPositive();
    assertThat(o.payment()).isEqualTo(paid(4_791));
  }

  /** A won award of {@link #AWARDED_W} for an hour, its window over, and its locked bond. */
  private record Award(BigInteger id, Window window, BigInteger bond) {}

  /** What settling the award did to the node's bond and what it paid. */
  private record Outcome(BigInteger returned, BigInteger forfeited, BigInteger payment) {}

  private Award awardWon() throws Exception {
    Round r =
        w.auction(
            Direction.UP,
            1,
            List.of(new SettlementWorld.Bid(node, AWARDED_W, SettlementWorld.PRICE)));
    w.warpPastEnd(r);
    BigInteger id = r.request();
    var coordinator = w.coordinator(node);
    assertThat(coordinator.getAward(id, node.getAddress()).send().awardedW.longValue())
        .isEqualTo(AWARDED_W);
    assertThat(coordinator.getRequest(id).send().deliveryGraceSeconds.longValue())
        .isEqualTo(GRACE_S);
    BigInteger bond = coordinator.getBid(id, node.getAddress()).send().bond;
    // 5 kWh at the default rate of 0.1 FLEX per kWh.
    assertThat(bond).isEqualTo(FLEX.divide(BigInteger.TWO));
    return new Award(id, r.window(), bond);
  }

  /** Posts the one-device evidence, has a quorum attest it and finalizes it. */
  private Outcome settle(Award award, MeterReading first, MeterReading last, long deliveredWh)
      throws Exception {
    Credentials device = w.devices.get(0);
    Batch b =
        w.forRequest(
            node,
            award.id(),
            new RewardLedger(),
            List.of(w.leaf(device, owner, first, last, 0, deliveredWh)));
    var coordinator = w.coordinator(node);
    String treasury = coordinator.treasury().send();
    BigInteger nodeBefore = coordinator.owed(node.getAddress()).send();
    BigInteger othersBefore =
        coordinator.owed(w.requester.getAddress()).send().add(coordinator.owed(treasury).send());

    var posted = w.post(node, award.id(), b);
    var receipt = w.finalizeWithQuorum(posted.id(), posted.committee(), b);

    BigInteger returned = coordinator.owed(node.getAddress()).send().subtract(nodeBefore);
    BigInteger others =
        coordinator
            .owed(w.requester.getAddress())
            .send()
            .add(coordinator.owed(treasury).send())
            .subtract(othersBefore);
    BigInteger forfeited =
        FlexibilityCoordinator.getBondForfeitedEvents(receipt).stream()
            .map(e -> e.amount)
            .reduce(BigInteger.ZERO, BigInteger::add);
    assertThat(others).as("the forfeit goes to requester and treasury").isEqualTo(forfeited);
    assertThat(returned.add(forfeited))
        .as("the whole bond is accounted for")
        .isEqualTo(award.bond());
    var settled = FlexibilityCoordinator.getAwardSettledEvents(receipt).get(0);
    assertThat(settled.deliveredWh.longValue()).isEqualTo(deliveredWh);
    return new Outcome(returned, forfeited, settled.payment);
  }

  /** Payment for {@code wh} at the clearing price (0.2 FLEX per kWh), rounded down. */
  private static BigInteger paid(long wh) {
    return BigInteger.valueOf(wh).multiply(SettlementWorld.PRICE).divide(BigInteger.valueOf(1_000));
  }

  /** The last reading of a device that stopped once it had exported {@code exportedWh}. */
  private static MeterReading stoppedEarly(MeterReading first, MeterReading last, long exportedWh) {
    return new MeterReading(
        last.device(),
        last.sequence(),
        last.timestampMs(),
        last.importWh(),
        first.exportWh() + exportedWh,
        0,
        last.socPermille());
  }

  /**
   * The first reading at or after the window's start ({@code first}) or the last at or before its
   * end, of a device on a fixed reading grid exporting {@code powerW} from the start: whole-Wh
   * registers, rounded down like a real meter's.
   */
  private MeterReading reading(Window win, long powerW, boolean first) {
    Credentials device = w.devices.get(0);
    long k =
        first
            ? Math.floorDiv(win.startMs() - PHASE_MS + CADENCE_MS - 1, CADENCE_MS)
            : Math.floorDiv(win.endMs() - PHASE_MS, CADENCE_MS);
    long atMs = PHASE_MS + k * CADENCE_MS;
    long exportWh = 1_000 + powerW * (atMs - win.startMs()) / 3_600_000;
    return new MeterReading(device.getAddress(), k, atMs, 100, exportWh, powerW, 500);
  }
}
