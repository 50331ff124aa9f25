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
  private final long capacityWh;
  private final long ratedPowerW;
  private final long siteLoadW;
  private final double reserveWh;
  private final double efficiency;
  private double energyWh;
  private long powerW;

  public TelecomSiteBattery(
      long capacityWh, long ratedPowerW, long siteLoadW, double reserveHours, int initialSoc) {
    this.capacityWh = capacityWh;
    this.ratedPowerW = ratedPowerW;
    this.siteLoadW = siteLoadW;
    this.reserveWh = siteLoadW * reserveHours;
    this.efficiency = Math.sqrt(0.92);
    this.energyWh = capacityWh * initialSoc / 1000.0;
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
    return capacityWh;
  }

  public long siteLoadW() {
    return siteLoadW;
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    long target = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
    double hours = dtMs / 3_600_000.0;
    if (hours <= 0) {
      powerW = 0;
      return;
    }
    if (target > 0) {
      double spendableWh = Math.max(0, energyWh - reserveWh) * efficiency;
      double deliverWh = Math.min(target * hours, spendableWh);
      energyWh -= deliverWh / efficiency;
      powerW = Math.round(deliverWh / hours);
    } else {
      double room = Math.max(0, capacityWh - energyWh) / efficiency;
      double takeWh = Math.min(-target * hours, room);
      energyWh += takeWh * efficiency;
      powerW = -Math.round(takeWh / hours);
    }
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
    return energyWh < capacityWh - 1 ? -Math.min(ratedPowerW / 4, ratedPowerW) : 0;
  }

  @Override
  public long maxPowerW(long nowMs) {
    return energyWh > reserveWh + 1 ? ratedPowerW : 0;
  }

  @Override
  public long minPowerW(long nowMs) {
    return energyWh < capacityWh - 1 ? -ratedPowerW : 0;
  }

  @Override
  public long reserveWh() {
    return Math.round(reserveWh);
  }
}
