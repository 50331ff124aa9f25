package org.openvpp.bridge.directory;

/**
 * Where the node's chain follower reports confirmed device revocations, so a directory refuses a
 * revoked device at once instead of after its cache expires. A chain reorganization can undo a
 * revocation: then the directory forgets what it pinned and asks its source again.
 */
public interface DeviceRevocations {
  /** A DeviceRevoked event for this address was confirmed: refuse the device from now on. */
  void revoked(String address);

  /** The DeviceRevoked event for this address left the chain (reorganization). */
  void revocationUndone(String address);
}
