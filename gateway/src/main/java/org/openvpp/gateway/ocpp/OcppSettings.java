package org.openvpp.gateway.ocpp;

import java.util.Map;
import java.util.Optional;

/**
 * The OCPP adapter's config section (keys in docs/devices.md, section OCPP).
 *
 * @param host address the central system listens on
 * @param port TCP port; 0 picks a free one (tests)
 * @param path URL path before the charge point identity, e.g. "/ocpp" for ws://host:port/ocpp/CP1
 * @param maxFrameBytes largest WebSocket frame and message accepted; a larger one closes the
 *     connection with status 1009 (OCPP 1.6 messages are a few hundred bytes)
 * @param heartbeatIntervalS the interval returned in BootNotification.conf
 * @param callTimeoutMs how long a request to a charger (SetChargingProfile) waits for its answer
 * @param maxClockSkewMs how far into the future a meter value may be stamped before it is refused
 * @param stackLevel the stack level of the profiles the gateway sends
 * @param chargers the chargers allowed to connect, by identity
 * @param meterIntervalS the MeterValueSampleInterval set on each charger after its boot (0 leaves
 *     the charger's own configuration alone)
 */
public record OcppSettings(
    String host,
    int port,
    String path,
    int maxFrameBytes,
    int heartbeatIntervalS,
    long callTimeoutMs,
    long maxClockSkewMs,
    int stackLevel,
    Map<String, ChargerSettings> chargers,
    int meterIntervalS) {
  public OcppSettings {
    if (!path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("path must start and not end with '/'");
    }
    if (maxFrameBytes < 1024
        || heartbeatIntervalS <= 0
        || callTimeoutMs <= 0
        || stackLevel < 0
        || meterIntervalS < 0) {
      throw new IllegalArgumentException("OCPP limits out of range");
    }
    chargers = Map.copyOf(chargers);
  }

  /** Defaults for every key but the chargers. */
  public static OcppSettings defaults(Map<String, ChargerSettings> chargers) {
    return new OcppSettings(
        "0.0.0.0", 8887, "/ocpp", 65_536, 300, 30_000, 300_000, 1, chargers, 15);
  }

  public OcppSettings withPort(String host, int port) {
    return new OcppSettings(
        host,
        port,
        path,
        maxFrameBytes,
        heartbeatIntervalS,
        callTimeoutMs,
        maxClockSkewMs,
        stackLevel,
        chargers,
        meterIntervalS);
  }

  public Optional<ChargerSettings> charger(String identity) {
    return Optional.ofNullable(chargers.get(identity));
  }
}
