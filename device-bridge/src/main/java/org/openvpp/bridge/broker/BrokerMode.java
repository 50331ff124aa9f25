package org.openvpp.bridge.broker;

import java.util.Locale;

/**
 * Which MQTT broker the bridge uses (docs/adr/0004). {@link #AUTO} starts Mosquitto as a child
 * process when its binary is found and falls back to the embedded HiveMQ CE otherwise; a configured
 * broker URL always means {@link #EXTERNAL}.
 */
public enum BrokerMode {
  AUTO,
  MOSQUITTO,
  EMBEDDED,
  EXTERNAL;

  /** Parses {@code auto}, {@code mosquitto}, {@code embedded} or {@code external}, any case. */
  public static BrokerMode parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (BrokerMode m : values()) {
      if (m.name().equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "broker mode '" + text + "' is none of auto, mosquitto, embedded, external");
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
