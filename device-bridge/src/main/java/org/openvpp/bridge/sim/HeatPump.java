package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * An on/off heat pump heating a house modelled as one thermal mass: C dT/dt = COP·P − UA·(T −
 * T_out). Normal behaviour: a thermostat with hysteresis around the middle of the owner's comfort
 * band. Dispatch shifts load: it may switch the pump off (less import) while the house stays above
 * the band's lower edge, or on (more import) while it stays below the upper edge.
 */
public final class HeatPump implements DevicePhysics {
  private final long electricW;
  private final double cop;
  private final double heatCapacityWhPerK;
  private final double lossWPerK;
  private final double outdoorC;
  private final double minC;
  private final double maxC;
  private double indoorC;
  private boolean thermostatOn;
  private long powerW;

  public HeatPump(
      long electricW,
      double cop,
      double heatCapacityWhPerK,
      double lossWPerK,
      double outdoorC,
      double minC,
      double maxC,
      double indoorC) {
    this.electricW = electricW;
    this.cop = cop;
    this.heatCapacityWhPerK = heatCapacityWhPerK;
    this.lossWPerK = lossWPerK;
    this.outdoorC = outdoorC;
    this.minC = minC;
    this.maxC = maxC;
    this.indoorC = indoorC;
  }

  @Override
  public DeviceClass deviceClass() {
    return DeviceClass.HEAT_PUMP;
  }

  @Override
  public long ratedPowerW() {
    return electricW;
  }

  @Override
  public long capacityWh() {
    return 0;
  }

  public double indoorC() {
    return indoorC;
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    double mid = (minC + maxC) / 2;
    if (indoorC < mid - 0.5) {
      thermostatOn = true;
    } else if (indoorC > mid + 0.5) {
      thermostatOn = false;
    }
    long target = clamp(nowMs, setpointW.orElse(baselineW(nowMs)));
    boolean on = target <= -electricW / 2;
    powerW = on ? -electricW : 0;
    double hours = dtMs / 3_600_000.0;
    double heatW = on ? cop * electricW : 0;
    indoorC += (heatW - lossWPerK * (indoorC - outdoorC)) * hours / heatCapacityWhPerK;
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
    return thermostatOn ? -electricW : 0;
  }

  @Override
  public long maxPowerW(long nowMs) {
    return indoorC > minC + 0.2 ? 0 : -electricW;
  }

  @Override
  public long minPowerW(long nowMs) {
    return indoorC < maxC - 0.2 ? -electricW : 0;
  }
}
