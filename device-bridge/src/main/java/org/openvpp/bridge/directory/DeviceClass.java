package org.openvpp.bridge.directory;

/** Device classes, in the order of {@code DeviceRegistry.DeviceClass}. */
public enum DeviceClass {
  HOME_BATTERY,
  EV_CHARGER,
  PV_INVERTER,
  HEAT_PUMP,
  TELECOM_SITE_BATTERY;

  public static DeviceClass fromOrdinal(int ordinal) {
    return values()[ordinal];
  }
}
