package org.openvpp.bridge.protocol;

/**
 * Retained on {@code vpp/1/d/{device}/limits}: what the device can offer now without breaking its
 * owner's limits. The device computes the envelope from its physics and owner settings.
 *
 * @param device the device address
 * @param baselineW power, W (+ = export), the device holds now under its owner's normal behaviour
 * @param minPowerW lowest power, W, the device may be set to now (negative = import / charge)
 * @param maxPowerW highest power, W, the device may be set to now (positive = export / discharge);
 *     a command's target is clamped to [minPowerW, maxPowerW]
 * @param minSocPermille the owner's minimum state of charge (‰), 0 when not applicable
 * @param reserveWh energy, Wh, that is never spent (telecom backup reserve), 0 when none
 * @param departureMs UTC ms of the next EV departure, 0 when none
 * @param timestampMs UTC ms when published
 */
public record Limits(
    String device,
    long baselineW,
    long minPowerW,
    long maxPowerW,
    int minSocPermille,
    long reserveWh,
    long departureMs,
    long timestampMs) {

  /** Clamps a target to [minPowerW, maxPowerW]. */
  public long clamp(long targetW) {
    return Math.max(minPowerW, Math.min(maxPowerW, targetW));
  }
}
