package org.openvpp.bridge.directory;

import org.openvpp.contracts.identity.DeviceClass;

/**
 * What the DeviceRegistry says about a device.
 *
 * @param address the device address, lower-case 0x hex
 * @param status registration status
 * @param deviceClass what kind of device
 * @param modelId the OEM model id
 * @param ratedPowerW rated power, W ≥ 0 (both directions)
 * @param capacityWh usable capacity, Wh, 0 without storage
 * @param owner the bound owner's address, or the zero address
 */
public record RegisteredDevice(
    String address,
    DeviceStatus status,
    DeviceClass deviceClass,
    long modelId,
    long ratedPowerW,
    long capacityWh,
    String owner) {

  public boolean active() {
    return status == DeviceStatus.ACTIVE;
  }
}
