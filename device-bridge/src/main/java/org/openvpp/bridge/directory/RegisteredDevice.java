package org.openvpp.bridge.directory;

import org.openvpp.contracts.identity.Assurance;
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
 * @param gateway the gateway holding the device's key, or the zero address when the device signs
 *     its own readings
 * @param assurance who signs the readings: the device itself or a gateway (docs/device-protocol.md,
 *     "Devices behind a gateway")
 */
public record RegisteredDevice(
    String address,
    DeviceStatus status,
    DeviceClass deviceClass,
    long modelId,
    long ratedPowerW,
    long capacityWh,
    String owner,
    String gateway,
    Assurance assurance) {
  public static final String NO_GATEWAY = "0x0000000000000000000000000000000000000000";

  /** A device that signs its own readings. */
  public RegisteredDevice(
      String address,
      DeviceStatus status,
      DeviceClass deviceClass,
      long modelId,
      long ratedPowerW,
      long capacityWh,
      String owner) {
    this(
        address,
        status,
        deviceClass,
        modelId,
        ratedPowerW,
        capacityWh,
        owner,
        NO_GATEWAY,
        Assurance.DEVICE_SIGNED);
  }

  public boolean active() {
    return status == DeviceStatus.ACTIVE;
  }
}
