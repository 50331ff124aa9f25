package org.openvpp.contracts.identity;

/**
 * Who holds the key that signs a device's readings, in the order of {@code
 * DeviceRegistry.Assurance} (the ordinal is on-chain): the device itself, or a gateway in front of
 * it (which proves only that the gateway saw the values).
 */
public enum Assurance {
  DEVICE_SIGNED,
  GATEWAY_SIGNED;

  public static Assurance fromOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= values().length) {
      throw new IllegalArgumentException("unknown assurance level " + ordinal);
    }
    return values()[ordinal];
  }
}
