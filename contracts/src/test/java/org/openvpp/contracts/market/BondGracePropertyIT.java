package org.openvpp.contracts.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.openvpp.contracts.deploy.MarketParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.testing.ChainFixture;

/**
 * The bond rule with its delivery grace, as properties over the deployed coordinator's {@code
 * bondReturned} (eth_call): it agrees with the rule written in docs/market-and-settlement.md §3;
 * the whole bond comes back from the boundary on and one Wh below it does not; and with the default
 * grace every honest whole delivery by a device reading at least every 60 s (the protocol's slowest
 * cadence) at 120 W or more, over a window no shorter than the grace, gets its whole bond back,
 * whatever the gaps at the edges and wherever its whole-Wh registers stood.
 *
 * <p>jqwik does not run JUnit 5 extensions, so the class starts one Anvil on first use and stops it
 * after the last try.
 */
class BondGracePropertyIT {
  private static final long GRACE_S = MarketParameters.DEFAULT_DELIVERY_GRACE_SECONDS;

  /** The default grace as a constant expression, for the window lengths tried (no shorter). */
  private static final long GRACE = 150;

  private static final BigInteger BOND = ChainFixture.FLEX.add(BigInteger.valueOf(12_345));

  private static Anvil anvil;
  private static FlexibilityCoordinator coordinator;

  private static synchronized FlexibilityCoordinator coordinator() {
    if (coordinator == null) {
      anvil = Anvil.start();
      ChainFixture chain = new ChainFixture(anvil);
      coordinator = chain.coordinator(chain.admin());
    }
    return coordinator;
  }

  @AfterContainer
  static void stopChain() {
    if (anvil != null) {
      anvil.close();
      anvil = null;
      coordinator = null;
    }
  }

  @Property(tries = 80)
  void theContractFollowsTheDocumentedRuleAndTheBoundaryIsExact(
      @ForAll @LongRange(min = 1, max = 200_000) long awardedW,
      @ForAll @LongRange(min = 1, max = 86_400) long duration,
      @ForAll @IntRange(min = 0, max = 900) int grace,
      @ForAll @LongRange(min = 0, max = 10_000_000) long deliveredWh)
      throws Exception {
    assertThat(returned(awardedW, duration, grace, deliveredWh))
        .isEqualTo(rule(awardedW, duration, grace, deliveredWh));
    long awardedWs = awardedW * duration;
    // The least delivery that the grace completes: ceil((awardedWs - awardedW × grace) / 3600).
    long uncovered = awardedWs - awardedW * grace;
    long boundary = uncovered <= 0 ? 1 : Math.max(1, (uncovered + 3_599) / 3_600);
    assertThat(returned(awardedW, duration, grace, boundary)).isEqualTo(BOND);
    if (boundary > 1) {
      assertThat(returned(awardedW, duration, grace, boundary - 1)).isLessThan(BOND);
    }
    assertThat(returned(awardedW, duration, grace, 0)).as("no delivery, no grace").isZero();
  }

  @Property(tries = 80)
  void anHonestWholeDeliveryGetsItsWholeBondBackUnderTheDefaultGrace(
      @ForAll @LongRange(min = 120, max = 200_000) long powerW,
      @ForAll @LongRange(min = GRACE, max = 86_400) long duration,
      @ForAll @LongRange(min = 0, max = 60_000) long firstGapMs,
      @ForAll @LongRange(min = 0, max = 60_000) long lastGapMs,
      @ForAll @LongRange(min = 0, max = 3_599_999) long registerOffsetWms)
      throws Exception {
    // The device exports powerW over the whole window; its register counts whole Wh from an
    // arbitrary fraction; the readings lie firstGapMs after the start and lastGapMs before the end.
    long durationMs = duration * 1_000;
    long atFirst = Math.floorDiv(registerOffsetWms + powerW * firstGapMs, 3_600_000);
    long atLast = Math.floorDiv(registerOffsetWms + powerW * (durationMs - lastGapMs), 3_600_000);
    long measuredWh = atLast - atFirst;
    assertThat(GRACE).isEqualTo(GRACE_S);
    assertThat(returned(powerW, duration, (int) GRACE_S, measuredWh)).isEqualTo(BOND);
  }

  private static BigInteger returned(long awardedW, long duration, int grace, long deliveredWh)
      throws Exception {
    return coordinator()
        .bondReturned(
            BOND,
            BigInteger.valueOf(awardedW),
            BigInteger.valueOf(duration),
            BigInteger.valueOf(grace),
            BigInteger.valueOf(deliveredWh))
        .send();
  }

  /** docs/market-and-settlement.md §3, written independently of the contract. */
  private static BigInteger rule(long awardedW, long duration, int grace, long deliveredWh) {
    if (deliveredWh == 0) {
      return BigInteger.ZERO;
    }
    BigInteger awardedWs = BigInteger.valueOf(awardedW).multiply(BigInteger.valueOf(duration));
    BigInteger credited =
        BigInteger.valueOf(deliveredWh)
            .multiply(BigInteger.valueOf(3_600))
            .add(BigInteger.valueOf(awardedW).multiply(BigInteger.valueOf(grace)))
            .min(awardedWs);
    return BOND.multiply(credited).divide(awardedWs);
  }
}
