package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * A home battery: usable capacity, charge and discharge limits, round-trip efficiency split evenly
 * between charging and discharging, and the owner's minimum state of charge that dispatch never
 * goes below. Normal behaviour: idle.
 */
public final class HomeBattery implements DevicePhysics {
  private final EnergyStore store;
  private final long maxChargeW;
  private final long maxDischargeW;
  private final int minSocPermille;
  private long powerW;

  public HomeBattery(
      long capacityWh,
      long maxChargeW,
      long maxDischargeW,
      double roundTripEfficiency,
      int minSocPermille,
      int initialSocPermille) {
    this.store = new EnergyStore(capacityWh, roundTripEfficiency, initialSocPermille);
    this.maxChargeW = maxChargeW;
    this.maxDischargeW = maxDischargeW;
    this.minSocPermille = minSocPermille;
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
    return store.capacityWh();
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    long target = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
    powerW = store.move(target, dtMs / 3_600_000.0, minEnergyWh());
  }

  private double minEnergyWh() {
    return store.capacityWh() * minSocPermille / 1000.0;
  }

  @Override
  public long powerW() {
    return powerW;
  }

  @Override
  public int socPermille() {
    return store.socPermille();
  }

  public double energyWh() {
    return store.energyWh();
  }

  @Override
  public long baselineW(long nowMs) {
    return 0;
  }

  @Override
  public long maxPowerW(long nowMs) {
    return store.energyWh() > minEnergyWh() + 1 ? maxDischargeW : 0;
  }

  @Override
  public long minPowerW(long nowMs) {
    return store.energyWh() < store.capacityWh() - 1 ? -maxChargeW : 0;
  }

  @Override
  public int minSocPermille() {
    return minSocPermille;
  }
}
