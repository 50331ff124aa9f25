package org.openvpp.gateway.ocpp;

/**
 * The rule that keeps dispatch from leaving an EV short (docs/devices.md, "Departure rule").
 *
 * <p>A dispatch asks for a charging power during a window. The window may lower charging only as
 * far as the energy still missing at the window's end can be charged afterwards, before departure,
 * at {@value #AFTER_WINDOW_SHARE} of the charger's maximum (the EV may taper near full, the phase
 * current may be shared): with E the energy still needed, P the maximum, the window [from, end) cut
 * at departure D, the lowest limit allowed during the window is
 *
 * <pre>floor = max(0, E − share·P·(D − end)) / (end − from)</pre>
 *
 * and the profile sent is max(requested, floor), at most P. Before the window starts the charger
 * charges by its own default, so waiting is never counted as charging time.
 */
public final class DepartureRule {
  /** The share of the maximum power assumed available after the dispatch window. */
  public static final double AFTER_WINDOW_SHARE = 0.9;

  private DepartureRule() {}

  /**
   * @param requestedW the charging power the dispatch asks for, W (≥ 0)
   * @param maxW the charger's maximum, W
   * @param neededWh energy the owner still needs by departure, Wh
   * @param fromMs window start
   * @param untilMs window end
   * @param departureMs the owner's departure
   * @return the charging power to send, W, and whether the rule raised it
   */
  public static Limit limit(
      long requestedW, long maxW, double neededWh, long fromMs, long untilMs, long departureMs) {
    long requested = Math.max(0, Math.min(maxW, requestedW));
    long end = Math.min(untilMs, departureMs);
    if (neededWh <= 0 || end <= fromMs) {
      // Nothing to protect, or the window lies after departure.
      return new Limit(requested, false);
    }
    double afterWh = AFTER_WINDOW_SHARE * maxW * Math.max(0, departureMs - end) / 3_600_000.0;
    double shortWh = neededWh - afterWh;
    if (shortWh <= 0) {
      return new Limit(requested, false);
    }
    double floorW = shortWh * 3_600_000.0 / (end - fromMs);
    long floor = Math.min(maxW, (long) Math.ceil(floorW));
    return floor > requested ? new Limit(floor, true) : new Limit(requested, false);
  }

  /** A charging limit, W, and whether the departure rule raised it above the request. */
  public record Limit(long watts, boolean raisedForDeparture) {}
}
