package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * A telecom site's backup battery. The site draws {@code siteLoadW} from the grid normally; the
 * battery keeps {@code reserveHours} × site load as backup reserve that dispatch never spends (a
 * hard constraint: uptime first). Normal behaviour: float charge back to full. Power is the
 * battery's, + = discharge.
 */
public final class TelecomSiteBattery implements DevicePhysics {
  private static final double ROUND_TRIP_EFFICIENCY = 0.92;
  private final EnergyStore store;
  private final long ratedPowerW;
  private final long siteLoadW;
  private final double reserveWh;
  private long powerW;

  public TelecomSiteBattery(
      long capacityWh, long ratedPowerW, long siteLoadW, double reserveHours, int initialSoc) {
    this.store = new EnergyStore(capacityWh, ROUND_TRIP_EFFICIENCY, initialSoc);
    this.ratedPowerW = ratedPowerW;
    this.siteLoadW = siteLoadW;
    this.reserveWh = siteLoadW * reserveHours;
    if (reserveWh > capacityWh) {
      throw new IllegalArgumentException("backup reserve exceeds capacity");
    }
  }

  @Override
  public DeviceClass deviceClass() {
    return DeviceClass.TELECOM_SITE_BATTERY;
  }

  @Override
  public long ratedPowerW() {
    return ratedPowerW;
  }

  @Override
  public long capacityWh() {
    return store.capacityWh();
  }

  public long siteLoadW() {
    return siteLoadW;
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    long target = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
    powerW = store.move(target, dtMs / 3_600_000.0, reserveWh);
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
    return store.energyWh() < store.capacityWh() - 1 ? -Math.min(ratedPowerW / 4, ratedPowerW) : 0;
  }

  @Override
  public long maxPowerW(long nowMs) {
    return store.energyWh() > reserveWh + 1 ? ratedPowerW : 0;
  }

  @Override
  public long minPowerW(long nowMs) {
    return store.energyWh() < store.capacityWh() - 1 ? -ratedPowerW : 0;
  }

  @Override
  public long reserveWh() {
    return Math.round(reserveWh);
  }
}
