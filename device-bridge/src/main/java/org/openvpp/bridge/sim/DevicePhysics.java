package org.openvpp.bridge.sim;

import java.util.OptionalLong;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * The physics of one simulated device. Power is W with + = export / discharge (docs/units.md).
 * {@link #step} advances the device by {@code dtMs}, holding the setpoint if there is one (clamped
 * to what the device can do) or its owner's normal behaviour if not.
 */
public interface DevicePhysics {
  DeviceClass deviceClass();

  long ratedPowerW();

  /** Usable capacity, Wh, 0 without storage. */
  long capacityWh();

  void step(long nowMs, long dtMs, OptionalLong setpointW);

  /** Power, W, during the last step. */
  long powerW();

  /** State of charge, ‰, 0 without storage. */
  int socPermille();

  /** Power, W, the owner's normal behaviour would hold now. */
  long baselineW(long nowMs);

  /** Highest power, W (+ = export), the device may be set to now within owner limits. */
  long maxPowerW(long nowMs);

  /** Lowest power, W (negative = import), the device may be set to now within owner limits. */
  long minPowerW(long nowMs);

  default int minSocPermille() {
    return 0;
  }

  default long reserveWh() {
    return 0;
  }

  default long departureMs() {
    return 0;
  }

  /** Clamps a setpoint to what is allowed now. */
  default long clamp(long nowMs, long targetW) {
    return Math.max(minPowerW(nowMs), Math.min(maxPowerW(nowMs), targetW));
  }
}
