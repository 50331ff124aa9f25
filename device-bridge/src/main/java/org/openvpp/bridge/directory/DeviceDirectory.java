package org.openvpp.bridge.directory;

import java.util.Optional;

/** Looks up registered devices. Implementations must be thread-safe and fast on repeat calls. */
public interface DeviceDirectory {
  /** The device registered under this lower-case address, or empty if none is. */
  Optional<RegisteredDevice> find(String address);
}
