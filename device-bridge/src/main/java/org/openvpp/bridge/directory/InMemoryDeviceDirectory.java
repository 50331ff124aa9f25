package org.openvpp.bridge.directory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory held in memory: for tests, simulators and the standalone bridge. */
public final class InMemoryDeviceDirectory implements DeviceDirectory {
  private final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();

  public InMemoryDeviceDirectory put(RegisteredDevice device) {
    devices.put(device.address(), device);
    return this;
  }

  public void revoke(String address) {
    devices.computeIfPresent(
        address,
        (a, d) ->
            new RegisteredDevice(
                a,
                DeviceStatus.REVOKED,
                d.deviceClass(),
                d.modelId(),
                d.ratedPowerW(),
                d.capacityWh(),
                d.owner()));
  }

  @Override
  public Optional<RegisteredDevice> find(String address) {
    return Optional.ofNullable(devices.get(address));
  }
}
