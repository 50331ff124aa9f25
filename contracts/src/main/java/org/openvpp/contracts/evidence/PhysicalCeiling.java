package org.openvpp.contracts.evidence;

/**
 * The one physical ceiling of docs/device-protocol.md ("Physical ceiling and tolerance"): the most
 * energy a device of a given rated power may show moving between two readings, summed over its
 * import and export registers. FraudProofs.physicalCeilingWh computes the same number; the bridge
 * rejects readings above it and the committee refuses leaves above it, so nothing the bridge
 * accepts is ever provable fraud on the power rule.
 *
 * <p>{@code ceilingWh = floor(ratedPowerW × elapsedMs × (10,000 + TOLERANCE_BPS) / (10,000 ×
 * 3,600,000)) + REGISTER_ROUNDING_WH}. The tolerance covers meter accuracy and clock jitter; the
 * rounding term covers whole-Wh registers, each of which may show up to one Wh more over an
 * interval than truly flowed (the floor of the end minus the floor of the start).
 */
public final class PhysicalCeiling {
  /** Tolerance on rated power, basis points (10 %). */
  public static final long TOLERANCE_BPS = 1_000;

  /** One Wh per register (import and export) for flooring to whole Wh. */
  public static final long REGISTER_ROUNDING_WH = 2;

  private static final long DENOMINATOR = 10_000L * 3_600_000L;

  private PhysicalCeiling() {}

  /**
   * @param ratedPowerW the device's rated power, W (both directions)
   * @param elapsedMs milliseconds between the two readings, ≥ 0
   */
  public static long ceilingWh(long ratedPowerW, long elapsedMs) {
    if (ratedPowerW < 0 || elapsedMs < 0) {
      throw new IllegalArgumentException("rated power and elapsed time must be >= 0");
    }
    long scaled =
        Math.multiplyExact(Math.multiplyExact(ratedPowerW, elapsedMs), 10_000 + TOLERANCE_BPS);
    return scaled / DENOMINATOR + REGISTER_ROUNDING_WH;
  }

  /** The ceiling between two readings of one device. */
  public static long ceilingWh(long ratedPowerW, MeterReading first, MeterReading last) {
    return ceilingWh(ratedPowerW, last.timestampMs() - first.timestampMs());
  }

  /** Whether the registers moved (import plus export) within the ceiling from first to last. */
  public static boolean withinCeiling(long ratedPowerW, MeterReading first, MeterReading last) {
    long moved =
        Math.addExact(
            Math.subtractExact(last.importWh(), first.importWh()),
            Math.subtractExact(last.exportWh(), first.exportWh()));
    return moved <= ceilingWh(ratedPowerW, first, last);
  }
}
