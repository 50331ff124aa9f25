package org.openvpp.gateway.sunspec;

import org.openvpp.gateway.device.DeviceProfile;

/**
 * One SunSpec device of the {@code gateway.sunspec} config section (keys in docs/devices.md).
 *
 * @param localId its local id (names its key file)
 * @param host Modbus TCP host
 * @param port Modbus TCP port
 * @param unit Modbus unit id
 * @param role what it is
 * @param ratedPowerW W, as registered on-chain; bounds plausibility checks and setpoints
 * @param capacityWh usable Wh (batteries), 0 otherwise
 */
public record SunSpecDeviceConfig(
    String localId,
    String host,
    int port,
    int unit,
    SunSpecRole role,
    long ratedPowerW,
    long capacityWh) {
  public SunSpecDeviceConfig {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(localId + ": port must be 1..65535");
    }
    if (unit < 0 || unit > 255) {
      throw new IllegalArgumentException(localId + ": unit must be 0..255");
    }
    if (ratedPowerW <= 0) {
      throw new IllegalArgumentException(localId + ": rated power must be > 0");
    }
    if (role == SunSpecRole.BATTERY && capacityWh <= 0) {
      throw new IllegalArgumentException(localId + ": a battery needs capacity.wh > 0");
    }
  }

  public DeviceProfile profile() {
    return new DeviceProfile(localId, role.deviceClass(), ratedPowerW, capacityWh);
  }
}
