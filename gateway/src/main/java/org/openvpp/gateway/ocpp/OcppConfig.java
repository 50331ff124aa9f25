package org.openvpp.gateway.ocpp;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.gateway.device.DeviceProfile;

/**
 * Parses the {@code gateway.ocpp.*} config section into {@link OcppSettings}. Every key is
 * documented in docs/devices.md (section OCPP); unknown keys under {@code gateway.ocpp.} are
 * refused, so a typo never falls back to a default silently.
 */
public final class OcppConfig {
  public static final String PREFIX = "gateway.ocpp.";
  private static final Set<String> CHARGER_KEYS =
      Set.of(
          "rate.unit",
          "phases",
          "voltage.v",
          "max.power.w",
          "min.current.a",
          "departure",
          "zone",
          "energy.wh");

  private OcppConfig() {}

  public static OcppSettings parse(Map<String, String> properties) {
    Map<String, String> own = new LinkedHashMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX)) {
            own.put(k.substring(PREFIX.length()), v.strip());
          }
        });
    OcppSettings d = OcppSettings.defaults(Map.of());
    Set<String> known =
        new TreeSet<>(
            List.of(
                "chargers",
                "host",
                "port",
                "path",
                "max.frame.bytes",
                "heartbeat.interval.s",
                "call.timeout.ms",
                "max.clock.skew.ms",
                "stack.level",
                "meter.interval.s"));
    Map<String, ChargerSettings> chargers = new LinkedHashMap<>();
    String list = own.getOrDefault("chargers", "");
    for (String raw : list.isBlank() ? new String[0] : list.split(",")) {
      String id = raw.strip();
      String p = "charger." + id + ".";
      CHARGER_KEYS.forEach(k -> known.add(p + k));
      chargers.put(id, charger(own, id, p));
    }
    for (String k : own.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "unknown key " + PREFIX + k + " (charger keys: " + new TreeSet<>(CHARGER_KEYS) + ")");
      }
    }
    return new OcppSettings(
        own.getOrDefault("host", d.host()),
        (int) number(own, "port", d.port()),
        own.getOrDefault("path", d.path()),
        (int) number(own, "max.frame.bytes", d.maxFrameBytes()),
        (int) number(own, "heartbeat.interval.s", d.heartbeatIntervalS()),
        number(own, "call.timeout.ms", d.callTimeoutMs()),
        number(own, "max.clock.skew.ms", d.maxClockSkewMs()),
        (int) number(own, "stack.level", d.stackLevel()),
        chargers,
        (int) number(own, "meter.interval.s", d.meterIntervalS()));
  }

  /** The device profile a charger is registered and published with. */
  public static DeviceProfile profile(ChargerSettings c) {
    return new DeviceProfile(c.identity(), DeviceClass.EV_CHARGER, c.maxPowerW(), 0);
  }

  private static ChargerSettings charger(Map<String, String> own, String id, String p) {
    String unit = own.getOrDefault(p + "rate.unit", "A").toUpperCase(Locale.ROOT);
    if (!unit.equals("A") && !unit.equals("W")) {
      throw new IllegalArgumentException(PREFIX + p + "rate.unit must be A or W, not " + unit);
    }
    try {
      return new ChargerSettings(
          id,
          ChargerSettings.RateUnit.valueOf(unit),
          (int) number(own, p + "phases", 3),
          (int) number(own, p + "voltage.v", 230),
          number(own, p + "max.power.w", -1),
          (int) number(own, p + "min.current.a", 6),
          LocalTime.parse(required(own, p + "departure")),
          ZoneId.of(own.getOrDefault(p + "zone", "UTC")),
          number(own, p + "energy.wh", -1));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          PREFIX + p + "departure must be HH:mm and zone a time zone id: " + e.getMessage());
    }
  }

  private static String required(Map<String, String> own, String key) {
    String v = own.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(PREFIX + key + " is required");
    }
    return v;
  }

  private static long number(Map<String, String> own, String key, long dflt) {
    String v = own.get(key);
    if (v == null || v.isBlank()) {
      if (dflt < 0) {
        throw new IllegalArgumentException(PREFIX + key + " is required");
      }
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be an integer, not " + v);
    }
  }
}
