package org.openvpp.bridge;

import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.verify.ReadingVerifier;

/** Test access to package-private helpers of the composition root. */
public final class DeviceBridgeAccess {
  private DeviceBridgeAccess() {}

  public static ReadingVerifier.StoredLookup lookup(ReadingStore store) {
    return DeviceBridge.storedLookup(store);
  }
}
