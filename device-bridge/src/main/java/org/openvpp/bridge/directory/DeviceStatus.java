package org.openvpp.bridge.directory;

/** Registration status, in the order of {@code DeviceRegistry.Status}. */
public enum DeviceStatus {
  UNKNOWN,
  ACTIVE,
  REVOKED
}
