package org.openvpp.contracts.identity;

/** Device classes, in the order of {@code DeviceRegistry.DeviceClass} (the ordinal is on-chain). */
public enum DeviceClass {
  HOME_BATTERY,
  EV_CHARGER,
  PV_INVERTER,
  HEAT_PUMP,
  TELECOM_SITE_BATTERY,
  /** A gateway holding the keys of devices behind it (docs/adr on the gateway). */
  GATEWAY;

  public static DeviceClass fromOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= values().length) {
      throw new IllegalArgumentException("unknown device class " + ordinal);
    }
    return values()[ordinal];
  }

  /** Whether devices of this class store energy (and so must declare a usable capacity). */
  public boolean storesEnergy() {
    return this == HOME_BATTERY || this == TELECOM_SITE_BATTERY;
  }
}
