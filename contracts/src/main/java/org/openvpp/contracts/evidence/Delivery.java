package org.openvpp.contracts.evidence;

/**
 * Delivered energy of one device over a window, computed exactly as FraudProofs recomputes it in a
 * challenge: the net energy measured between the first and the last reading in the requested
 * direction, minus the baseline (what the device would have done undispatched), never below zero.
 */
public final class Delivery {
  private Delivery() {}

  /**
   * @throws IllegalArgumentException if the readings are of different devices or out of order
   */
  public static long deliveredWh(
      MeterReading first, MeterReading last, long baselineWh, Direction direction) {
    if (!first.device().equals(last.device())) {
      throw new IllegalArgumentException("readings of two devices");
    }
    if (last.sequence() <= first.sequence() || last.timestampMs() <= first.timestampMs()) {
      throw new IllegalArgumentException("last reading is not after the first");
    }
    if (last.importWh() < first.importWh() || last.exportWh() < first.exportWh()) {
      throw new IllegalArgumentException("a cumulative register went backwards");
    }
    long imported = last.importWh() - first.importWh();
    long exported = last.exportWh() - first.exportWh();
    long measured = direction == Direction.UP ? exported - imported : imported - exported;
    return Math.max(0, Math.subtractExact(measured, baselineWh));
  }

  /**
   * The most energy a device of {@code ratedPowerW} may show moving between two readings, in Wh
   * (the {@link PhysicalCeiling}, tolerance included). FraudProofs proves fraud when the registers
   * moved more (import plus export) or when the baseline's magnitude is larger; delivery itself may
   * reach twice this (a battery that would have charged at full power and discharges at full power
   * instead).
   */
  public static long ceilingWh(long ratedPowerW, MeterReading first, MeterReading last) {
    return PhysicalCeiling.ceilingWh(ratedPowerW, first, last);
  }
}
