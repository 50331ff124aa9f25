package org.openvpp.gateway.sunspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openvpp.gateway.config.ConfigSection;

/**
 * The {@code gateway.sunspec} config section. Every key is documented in docs/devices.md; unknown
 * keys under {@code gateway.sunspec.} are refused (a typo must not silently fall back to a
 * default).
 *
 * @param pollPeriodMs how often each device is polled
 * @param timeoutMs Modbus connect and response timeout
 * @param devices the devices, in config order
 */
public record SunSpecConfig(long pollPeriodMs, int timeoutMs, List<SunSpecDeviceConfig> devices) {
  public static final String PREFIX = "gateway.sunspec.";
  private static final Set<String> DEVICE_KEYS =
      Set.of("host", "port", "unit", "role", "rated.power.w", "capacity.wh");

  public SunSpecConfig {
    if (pollPeriodMs < 100 || pollPeriodMs > 60_000) {
      throw new IllegalArgumentException("gateway.sunspec.poll.period.ms must be 100..60000");
    }
    if (timeoutMs < 50 || timeoutMs > 60_000) {
      throw new IllegalArgumentException("gateway.sunspec.timeout.ms must be 50..60000");
    }
    devices = List.copyOf(devices);
  }

  /** Parses the section from flat properties (other sections' keys are ignored). */
  public static SunSpecConfig parse(Map<String, String> properties) {
    ConfigSection own = ConfigSection.of(PREFIX, properties);
    Set<String> known = new TreeSet<>(List.of("devices", "poll.period.ms", "timeout.ms"));
    List<SunSpecDeviceConfig> devices = new ArrayList<>();
    String list = own.text("devices", "");
    for (String id : list.isBlank() ? new String[0] : list.split(",")) {
      String localId = id.strip();
      String p = "device." + localId + ".";
      DEVICE_KEYS.forEach(k -> known.add(p + k));
      String roleName = own.required(p + "role").toUpperCase(Locale.ROOT);
      SunSpecRole role;
      try {
        role = SunSpecRole.valueOf(roleName);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            PREFIX
                + p
                + "role must be inverter or battery, not "
                + roleName.toLowerCase(Locale.ROOT));
      }
      devices.add(
          new SunSpecDeviceConfig(
              localId,
              own.required(p + "host"),
              (int) own.number(p + "port", 502),
              (int) own.number(p + "unit", 1),
              role,
              own.number(p + "rated.power.w", -1),
              own.number(p + "capacity.wh", 0)));
    }
    for (String k : own.keys()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "unknown key " + PREFIX + k + " (device keys: " + DEVICE_KEYS + ")");
      }
    }
    return new SunSpecConfig(
        own.number("poll.period.ms", 5_000), (int) own.number("timeout.ms", 2_000), devices);
  }
}
