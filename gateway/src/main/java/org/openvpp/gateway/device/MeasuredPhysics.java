package org.openvpp.gateway.device;

import java.util.OptionalLong;
import org.openvpp.bridge.sim.DevicePhysics;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.gateway.adapter.Measurement;

/**
 * A real device seen through its last measurement, shaped as the {@link DevicePhysics} the shared
 * command rules ({@link org.openvpp.bridge.sim.CommandGuard}) clamp setpoints with. Nothing is
 * simulated: {@link #step} is never called by the gateway.
 */
final class MeasuredPhysics implements DevicePhysics {
  private final DeviceProfile profile;
  private volatile Measurement last;
  private volatile long baselineW;

  MeasuredPhysics(DeviceProfile profile) {
    this.profile = profile;
  }

  /** Takes a measurement; while no command holds the device, its power is the owner's baseline. */
  void update(Measurement m, boolean commanded) {
    last = m;
    if (!commanded) {
      baselineW = m.powerW();
    }
  }

  boolean measured() {
    return last != null;
  }

  @Override
  public DeviceClass deviceClass() {
    return profile.deviceClass();
  }

  @Override
  public long ratedPowerW() {
    return profile.ratedPowerW();
  }

  @Override
  public long capacityWh() {
    return profile.capacityWh();
  }

  @Override
  public void step(long nowMs, long dtMs, OptionalLong setpointW) {
    throw new UnsupportedOperationException("a real device is measured, not stepped");
  }

  @Override
  public long powerW() {
    Measurement m = last;
    return m == null ? 0 : m.powerW();
  }

  @Override
  public int socPermille() {
    Measurement m = last;
    return m == null ? 0 : m.socPermille();
  }

  @Override
  public long baselineW(long nowMs) {
    return baselineW;
  }

  @Override
  public long maxPowerW(long nowMs) {
    Measurement m = last;
    return m == null ? 0 : Math.min(profile.ratedPowerW(), m.envelope().maxPowerW());
  }

  @Override
  public long minPowerW(long nowMs) {
    Measurement m = last;
    return m == null ? 0 : Math.max(-profile.ratedPowerW(), m.envelope().minPowerW());
  }
}
