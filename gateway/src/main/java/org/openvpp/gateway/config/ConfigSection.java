package org.openvpp.gateway.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys of one config section ({@code gateway.sunspec.}, {@code gateway.ocpp.}, ...) with the
 * prefix cut off and the values stripped, and the lookups every section parser needs. Errors name
 * the full key, so a user finds it in the file.
 */
public final class ConfigSection {
  private final String prefix;
  private final Map<String, String> own;

  private ConfigSection(String prefix, Map<String, String> own) {
    this.prefix = prefix;
    this.own = own;
  }

  /** The keys starting with {@code prefix}, in the order of {@code properties}. */
  public static ConfigSection of(String prefix, Map<String, String> properties) {
    Map<String, String> own = new LinkedHashMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            own.put(k.substring(prefix.length()), v.strip());
          }
        });
    return new ConfigSection(prefix, own);
  }

  /** The section's keys, without the prefix (for refusing unknown ones). */
  public Set<String> keys() {
    return Collections.unmodifiableSet(own.keySet());
  }

  public String text(String key, String dflt) {
    return own.getOrDefault(key, dflt);
  }

  /** The value of {@code key}; refused when missing or blank. */
  public String required(String key) {
    String v = own.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(prefix + key + " is required");
    }
    return v;
  }

  /** An integer value; a missing or blank key gives {@code dflt}, or is refused when it is < 0. */
  public long number(String key, long dflt) {
    String v = own.get(key);
    if (v == null || v.isBlank()) {
      if (dflt < 0) {
        throw new IllegalArgumentException(prefix + key + " is required");
      }
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(prefix + key + " must be an integer, not " + v);
    }
  }
}
