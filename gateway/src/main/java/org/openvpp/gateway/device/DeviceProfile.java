package org.openvpp.gateway.device;

import org.openvpp.contracts.identity.DeviceClass;

/**
 * What the gateway's configuration says about one device behind it; the same values its
 * registration on-chain carries (rated power and capacity bound what the node accepts).
 *
 * @param localId the device's id in its adapter's config section
 * @param deviceClass kind of device
 * @param ratedPowerW W
 * @param capacityWh usable capacity, Wh, 0 without storage
 */
public record DeviceProfile(
    String localId, DeviceClass deviceClass, long ratedPowerW, long capacityWh) {
  public DeviceProfile {
    if (localId == null || localId.isBlank()) {
      throw new IllegalArgumentException("localId must not be blank");
    }
    if (ratedPowerW <= 0 || capacityWh < 0) {
      throw new IllegalArgumentException(localId + ": ratedPowerW must be > 0, capacityWh >= 0");
    }
  }
}
