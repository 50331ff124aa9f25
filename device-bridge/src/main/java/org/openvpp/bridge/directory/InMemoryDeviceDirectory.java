package org.openvpp.bridge.directory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory held in memory: for tests, simulators and the standalone bridge. */
public final class InMemoryDeviceDirectory implements DeviceDirectory, DeviceRevocations {
  private final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();

  public InMemoryDeviceDirectory put(RegisteredDevice device) {
    devices.put(device.address(), device);
    return this;
  }

  @Override
  public void revoked(String address) {
    revoke(address);
  }

  /** Memory holds no source to ask again: the device becomes active again. */
  @Override
  public void revocationUndone(String address) {
    devices.computeIfPresent(address, (a, d) -> withStatus(d, DeviceStatus.ACTIVE));
  }

  public void revoke(String address) {
    devices.computeIfPresent(address, (a, d) -> withStatus(d, DeviceStatus.REVOKED));
  }

  private static RegisteredDevice withStatus(RegisteredDevice d, DeviceStatus status) {
    return new RegisteredDevice(
        d.address(),
        status,
        d.deviceClass(),
        d.modelId(),
        d.ratedPowerW(),
        d.capacityWh(),
        d.owner());
  }

  @Override
  public Optional<RegisteredDevice> find(String address) {
    return Optional.ofNullable(devices.get(address));
  }
}
