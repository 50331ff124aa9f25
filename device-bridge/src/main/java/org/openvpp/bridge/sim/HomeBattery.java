package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * A home battery: usable capacity, charge and discharge limits, round-trip efficiency split evenly
 * between charging and discharging, and the owner's minimum state of charge that dispatch never
 * goes below. Normal behaviour: idle.
 */
public final class HomeBattery implements DevicePhysics {
  private final long capacityWh;
  private final long maxChargeW;
  private final long maxDischargeW;
  private final double legEfficiency;
  private final int minSocPermille;
  private double energyWh;
  private long powerW;

  public HomeBattery(
      long capacityWh,
      long maxChargeW,
      long maxDischargeW,
      double roundTripEfficiency,
      int minSocPermille,
      int initialSocPermille) {
    this.capacityWh = capacityWh;
    this.maxChargeW = maxChargeW;
    this.maxDischargeW = maxDischargeW;
    this.legEfficiency = Math.sqrt(roundTripEfficiency);
    this.minSocPermille = minSocPermille;
    this.energyWh = capacityWh * initialSocPermille / 1000.0;
  }

  @Override
  public DeviceClass deviceClass() {
    return DeviceClass.HOME_BATTERY;
  }

  @Override
  public long ratedPowerW() {
    return Math.max(maxChargeW, maxDischargeW);
  }

  @Override
  public long capacityWh() {
    return capacityWh;
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    long target = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
    double hours = dtMs / 3_600_000.0;
    if (target > 0) {
      double available = (energyWh - minEnergyWh()) * legEfficiency;
      double deliverWh = Math.min(target * hours, Math.max(0, available));
      energyWh -= deliverWh / legEfficiency;
      powerW = hours > 0 ? Math.round(deliverWh / hours) : 0;
    } else if (target < 0) {
      double room = (capacityWh - energyWh) / legEfficiency;
      double takeWh = Math.min(-target * hours, Math.max(0, room));
      energyWh += takeWh * legEfficiency;
      powerW = hours > 0 ? -Math.round(takeWh / hours) : 0;
    } else {
      powerW = 0;
    }
  }

  private double minEnergyWh() {
    return capacityWh * minSocPermille / 1000.0;
  }

  @Override
  public long powerW() {
    return powerW;
  }

  @Override
  public int socPermille() {
    return (int) Math.round(1000 * energyWh / capacityWh);
  }

  public double energyWh() {
    return energyWh;
  }

  @Override
  public long baselineW(long nowMs) {
    return 0;
  }

  @Override
  public long maxPowerW(long nowMs) {
    return energyWh > minEnergyWh() + 1 ? maxDischargeW : 0;
  }

  @Override
  public long minPowerW(long nowMs) {
    return energyWh < capacityWh - 1 ? -maxChargeW : 0;
  }

  @Override
  public int minSocPermille() {
    return minSocPermille;
  }
}
