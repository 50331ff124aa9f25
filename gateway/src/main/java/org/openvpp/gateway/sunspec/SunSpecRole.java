package org.openvpp.gateway.sunspec;

import org.openvpp.contracts.identity.DeviceClass;

/** What a configured SunSpec device is, which decides the models it needs. */
public enum SunSpecRole {
  /** A PV inverter: inverter model 101–103 (power, lifetime WH); takes no setpoints. */
  INVERTER(DeviceClass.PV_INVERTER),
  /** A battery: inverter model 101–103 (power), storage model 124 (SoC, WChaMax, control). */
  BATTERY(DeviceClass.HOME_BATTERY);

  private final DeviceClass deviceClass;

  SunSpecRole(DeviceClass deviceClass) {
    this.deviceClass = deviceClass;
  }

  public DeviceClass deviceClass() {
    return deviceClass;
  }
}
