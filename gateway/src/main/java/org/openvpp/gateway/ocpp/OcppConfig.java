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
import org.openvpp.gateway.config.ConfigSection;
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
    ConfigSection own = ConfigSection.of(PREFIX, properties);
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
    String list = own.text("chargers", "");
    for (String raw : list.isBlank() ? new String[0] : list.split(",")) {
      String id = raw.strip();
      String p = "charger." + id + ".";
      CHARGER_KEYS.forEach(k -> known.add(p + k));
      chargers.put(id, charger(own, id, p));
    }
    for (String k : own.keys()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "unknown key " + PREFIX + k + " (charger keys: " + new TreeSet<>(CHARGER_KEYS) + ")");
      }
    }
    return new OcppSettings(
        own.text("host", d.host()),
        (int) own.number("port", d.port()),
        own.text("path", d.path()),
        (int) own.number("max.frame.bytes", d.maxFrameBytes()),
        (int) own.number("heartbeat.interval.s", d.heartbeatIntervalS()),
        own.number("call.timeout.ms", d.callTimeoutMs()),
        own.number("max.clock.skew.ms", d.maxClockSkewMs()),
        (int) own.number("stack.level", d.stackLevel()),
        chargers,
        (int) own.number("meter.interval.s", d.meterIntervalS()));
  }

  /** The device profile a charger is registered and published with. */
  public static DeviceProfile profile(ChargerSettings c) {
    return new DeviceProfile(c.identity(), DeviceClass.EV_CHARGER, c.maxPowerW(), 0);
  }

  private static ChargerSettings charger(ConfigSection own, String id, String p) {
    String unit = own.text(p + "rate.unit", "A").toUpperCase(Locale.ROOT);
    if (!unit.equals("A") && !unit.equals("W")) {
      throw new IllegalArgumentException(PREFIX + p + "rate.unit must be A or W, not " + unit);
    }
    try {
      return new ChargerSettings(
          id,
          ChargerSettings.RateUnit.valueOf(unit),
          (int) own.number(p + "phases", 3),
          (int) own.number(p + "voltage.v", 230),
          own.number(p + "max.power.w", -1),
          (int) own.number(p + "min.current.a", 6),
          LocalTime.parse(own.required(p + "departure")),
          ZoneId.of(own.text(p + "zone", "UTC")),
          own.number(p + "energy.wh", -1));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          PREFIX + p + "departure must be HH:mm and zone a time zone id: " + e.getMessage());
    }
  }
}
