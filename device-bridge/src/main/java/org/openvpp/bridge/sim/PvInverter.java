package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * A PV inverter with a clear-sky generation profile: a half sine from sunrise to sunset (UTC
 * hours), scaled by a cloud factor. Normal behaviour: export everything available. Dispatch can
 * only curtail (set a lower export); it cannot import.
 */
public final class PvInverter implements DevicePhysics {
  private final long peakW;
  private final double sunriseHour;
  private final double sunsetHour;
  private double cloudFactor = 1.0;
  private long powerW;

  public PvInverter(long peakW, double sunriseHour, double sunsetHour) {
    this.peakW = peakW;
    this.sunriseHour = sunriseHour;
    this.sunsetHour = sunsetHour;
  }

  public void setCloudFactor(double factor) {
    this.cloudFactor = Math.max(0, Math.min(1, factor));
  }

  /** Power, W, the panels can give at this time. */
  public long availableW(long nowMs) {
    double hour = (nowMs % 86_400_000L) / 3_600_000.0;
    if (hour <= sunriseHour || hour >= sunsetHour) {
      return 0;
    }
    double x = (hour - sunriseHour) / (sunsetHour - sunriseHour);
    return Math.round(peakW * Math.sin(Math.PI * x) * cloudFactor);
  }

  @Override
  public DeviceClass deviceClass() {
    return DeviceClass.PV_INVERTER;
  }

  @Override
  public long ratedPowerW() {
    return peakW;
  }

  @Override
  public long capacityWh() {
    return 0;
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    powerW = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
  }

  @Override
  public long powerW() {
    return powerW;
  }

  @Override
  public int socPermille() {
    return 0;
  }

  @Override
  public long baselineW(long nowMs) {
    return availableW(nowMs);
  }

  @Override
  public long maxPowerW(long nowMs) {
    return availableW(nowMs);
  }

  @Override
  public long minPowerW(long nowMs) {
    return 0;
  }
}
