package org.openvpp.gateway.ocpp;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * One charger the central system accepts (config keys in docs/devices.md, section OCPP).
 *
 * @param identity the charge point identity, the last path segment of its WebSocket URL
 * @param rateUnit the unit of the charging profiles sent to it: W, or A for chargers that only
 *     understand current (most AC wallboxes)
 * @param phases phases the charger feeds (1 or 3), used to turn W into A
 * @param voltageV nominal phase voltage, used to turn W into A
 * @param maxPowerW the charger's (or its fuse's) maximum, W
 * @param minCurrentA the lowest current an EV accepts while charging (IEC 61851: 6 A); a limit
 *     between 0 and this is raised to it
 * @param departure the owner's usual departure time of day
 * @param zone the time zone of {@code departure}
 * @param energyWh the energy the owner wants delivered per charging session by departure, Wh
 */
public record ChargerSettings(
    String identity,
    RateUnit rateUnit,
    int phases,
    int voltageV,
    long maxPowerW,
    int minCurrentA,
    LocalTime departure,
    ZoneId zone,
    long energyWh) {
  /** OCPP-J 1.6 §3.1.1: the identity is a URL path segment; here also a key file name, so plain. */
  private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9._-]{1,48}");

  /** Whether {@code id} is a well-formed charge point identity. */
  public static boolean validIdentity(String id) {
    return IDENTITY.matcher(id).matches();
  }

  public enum RateUnit {
    W,
    A
  }

  public ChargerSettings {
    if (!IDENTITY.matcher(identity).matches()) {
      throw new IllegalArgumentException("charger identity must match " + IDENTITY);
    }
    if (phases != 1 && phases != 3) {
      throw new IllegalArgumentException(identity + ": phases must be 1 or 3");
    }
    if (voltageV < 100 || voltageV > 400 || maxPowerW <= 0 || minCurrentA < 0 || energyWh < 0) {
      throw new IllegalArgumentException(
          identity + ": voltage, power, current or energy out of range");
    }
  }

  /** Watts one ampere per phase is worth on this charger. */
  public long wattsPerAmp() {
    return (long) phases * voltageV;
  }
}
