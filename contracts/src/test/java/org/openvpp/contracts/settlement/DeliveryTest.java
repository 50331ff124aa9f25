package org.openvpp.contracts.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.Delivery;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.PhysicalCeiling;

/** The delivery rule Settlement re-checks in a challenge, on the Java side. */
class DeliveryTest {
  private static final String DEVICE = "0x00000000000000000000000000000000000000d1";
  private static final String OTHER = "0x00000000000000000000000000000000000000d2";

  private static MeterReading at(long seq, long ms, long importWh, long exportWh) {
    return new MeterReading(DEVICE, seq, ms, importWh, exportWh, 0, 0);
  }

  private static final MeterReading FIRST = at(1, 0, 1_000, 5_000);

  @Test
  void upCountsNetExportAndDownCountsNetImport() {
    // +300 Wh in, +2,000 Wh out over the window.
    MeterReading last = at(2, 3_600_000, 1_300, 7_000);
    assertThat(Delivery.deliveredWh(FIRST, last, 0, Direction.UP)).isEqualTo(2_000 - 300);
    assertThat(Delivery.deliveredWh(FIRST, last, 0, Direction.DOWN)).isZero();
    MeterReading charging = at(2, 3_600_000, 3_500, 5_100);
    assertThat(Delivery.deliveredWh(FIRST, charging, 0, Direction.DOWN)).isEqualTo(2_500 - 100);
  }

  @Test
  void theBaselineIsSubtractedAndANegativeOneAdds() {
    MeterReading last = at(2, 3_600_000, 1_000, 8_000);
    assertThat(Delivery.deliveredWh(FIRST, last, 1_200, Direction.UP)).isEqualTo(3_000 - 1_200);
    // Undispatched the device would have imported 400 Wh: exporting 3,000 moved the grid 3,400.
    assertThat(Delivery.deliveredWh(FIRST, last, -400, Direction.UP)).isEqualTo(3_000 + 400);
  }

  @Test
  void deliveryIsClippedAtZero() {
    MeterReading last = at(2, 3_600_000, 1_000, 6_000);
    assertThat(Delivery.deliveredWh(FIRST, last, 1_001, Direction.UP)).isZero();
    assertThat(Delivery.deliveredWh(FIRST, last, 1_000, Direction.UP)).isZero();
    assertThat(Delivery.deliveredWh(FIRST, last, 999, Direction.UP)).isEqualTo(1);
    // Moving the wrong way is no delivery either, not a negative one.
    assertThat(Delivery.deliveredWh(FIRST, last, -10, Direction.DOWN)).isZero();
  }

  @Test
  void readingsMustBeOfOneDeviceInOrderWithRisingRegisters() {
    MeterReading last = at(2, 60_000, 1_000, 5_000);
    MeterReading other = new MeterReading(OTHER, 2, 60_000, 1_000, 5_000, 0, 0);
    assertThatThrownBy(() -> Delivery.deliveredWh(FIRST, other, 0, Direction.UP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Delivery.deliveredWh(FIRST, at(1, 60_000, 1_000, 5_000), 0, Direction.UP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Delivery.deliveredWh(FIRST, at(2, 0, 1_000, 5_000), 0, Direction.UP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Delivery.deliveredWh(FIRST, at(2, 60_000, 999, 5_000), 0, Direction.UP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Delivery.deliveredWh(FIRST, at(2, 60_000, 1_000, 4_999), 0, Direction.UP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Delivery.deliveredWh(FIRST, last, 0, Direction.UP)).isZero();
  }

  @Test
  void theCeilingIsRatedPowerWithTenPercentToleranceRoundedDownPlusOneWhPerRegister() {
    // 5 kW for one hour: 5,000 Wh, 5,500 with the tolerance, + 2 Wh of register rounding.
    assertThat(Delivery.ceilingWh(5_000, FIRST, at(2, 3_600_000, 0, 0))).isEqualTo(5_502);
    // 3,596 s: 4,994.4 Wh × 1.1 = 5,493.9 → 5,493 + 2.
    assertThat(Delivery.ceilingWh(5_000, FIRST, at(2, 3_596_000, 0, 0))).isEqualTo(5_495);
    // 5 kW for one second is 1.53 Wh with the tolerance: 1 + 2.
    assertThat(Delivery.ceilingWh(5_000, FIRST, at(2, 1_000, 0, 0))).isEqualTo(3);
    assertThat(Delivery.ceilingWh(5_000, FIRST, at(2, 0, 0, 0))).isEqualTo(2);
  }

  /** The ceiling is the documented formula, computed exactly (no overflow, no rounding up). */
  @Property
  void theCeilingIsTheDocumentedFormula(
      @ForAll @LongRange(min = 0, max = 50_000) long ratedW,
      @ForAll @LongRange(min = 0, max = 86_400_000) long elapsedMs) {
    BigInteger exact =
        BigInteger.valueOf(ratedW)
            .multiply(BigInteger.valueOf(elapsedMs))
            .multiply(BigInteger.valueOf(11_000))
            .divide(BigInteger.valueOf(36_000_000_000L))
            .add(BigInteger.TWO);
    assertThat(PhysicalCeiling.ceilingWh(ratedW, elapsedMs)).isEqualTo(exact.longValueExact());
  }

  /** Up and Down are mirror images: with no baseline at most one of them delivers. */
  @Property
  void upAndDownAreMirrorImages(
      @ForAll @LongRange(min = 0, max = 1_000_000) long imported,
      @ForAll @LongRange(min = 0, max = 1_000_000) long exported,
      @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long baseline) {
    MeterReading last = at(2, 60_000, 1_000 + imported, 5_000 + exported);
    long up = Delivery.deliveredWh(FIRST, last, baseline, Direction.UP);
    long down = Delivery.deliveredWh(FIRST, last, -baseline, Direction.DOWN);
    assertThat(up).isEqualTo(Math.max(0, exported - imported - baseline));
    assertThat(down).isEqualTo(Math.max(0, imported - exported + baseline));
    assertThat(Math.min(up, down)).isZero();
  }
}
