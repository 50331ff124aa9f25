package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * An EV charger with one car: it arrives at {@code arrivalMs}, leaves at {@code departureMs} and
 * needs {@code energyNeededWh} by then. Normal behaviour: charge at full power until the need is
 * met. Dispatch may curtail charging only while the need can still be met by departure at full
 * power afterwards; with {@code v2g} the car may also discharge energy it has above that need.
 */
public final class EvCharger implements DevicePhysics {
  private final long maxChargeW;
  private final boolean v2g;
  private final long arrivalMs;
  private final long departureMs;
  private final long energyNeededWh;
  private final double efficiency = 0.92;
  private double deliveredWh;
  private long powerW;

  public EvCharger(
      long maxChargeW, boolean v2g, long arrivalMs, long departureMs, long energyNeededWh) {
    this.maxChargeW = maxChargeW;
    this.v2g = v2g;
    this.arrivalMs = arrivalMs;
    this.departureMs = departureMs;
    this.energyNeededWh = energyNeededWh;
  }

  @Override
  public DeviceClass deviceClass() {
    return DeviceClass.EV_CHARGER;
  }

  @Override
  public long ratedPowerW() {
    return maxChargeW;
  }

  @Override
  public long capacityWh() {
    return 0;
  }

  boolean plugged(long nowMs) {
    return nowMs >= arrivalMs && nowMs < departureMs;
  }

  /** Energy still to put in the car, Wh (0 once met). */
  public double remainingWh() {
    return Math.max(0, energyNeededWh - deliveredWh);
  }

  /** Energy that could still be charged at full power before departure, Wh, minus the need. */
  double slackWh(long nowMs) {
    double hoursLeft = Math.max(0, departureMs - nowMs) / 3_600_000.0;
    return hoursLeft * maxChargeW * efficiency - remainingWh();
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    if (!plugged(nowMs)) {
      powerW = 0;
      return;
    }
    long target = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
    double hours = dtMs / 3_600_000.0;
    if (target < 0) {
      double takeWh = -target * hours;
      deliveredWh += takeWh * efficiency;
    } else if (target > 0) {
      deliveredWh -= target * hours / efficiency;
    }
    powerW = target;
  }

  @Override
  public long powerW() {
    return powerW;
  }

  @Override
  public int socPermille() {
    return 0;
  }

  public double deliveredWh() {
    return deliveredWh;
  }

  @Override
  public long baselineW(long nowMs) {
    return plugged(nowMs) && remainingWh() > 0 ? -maxChargeW : 0;
  }

  @Override
  public long maxPowerW(long nowMs) {
    if (!plugged(nowMs)) {
      return 0;
    }
    // Curtailing to 0 W is allowed while the slack covers at least ten minutes at full power.
    double margin = maxChargeW * efficiency / 6.0;
    if (slackWh(nowMs) < margin) {
      return -maxChargeW;
    }
    return v2g && deliveredWh - energyNeededWh > maxChargeW / 6.0 ? maxChargeW : 0;
  }

  @Override
  public long minPowerW(long nowMs) {
    return plugged(nowMs) ? -maxChargeW : 0;
  }

  @Override
  public long departureMs() {
    return departureMs;
  }
}
