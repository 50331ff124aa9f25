package org.openvpp.bridge.fleet;

import java.util.Optional;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.protocol.Limits;

/**
 * The bridge's live picture of one device.
 *
 * @param device the device address
 * @param registration what the DeviceRegistry says, if known
 * @param online from the retained availability message (false after the last will)
 * @param powerW last verified power, W, + = export / discharge
 * @param socPermille last verified state of charge, ‰
 * @param lastReadingMs UTC ms of the last verified reading, 0 if none
 * @param limits the device's last published limits, if any
 */
public record DeviceState(
    String device,
    Optional<RegisteredDevice> registration,
    boolean online,
    long powerW,
    int socPermille,
    long lastReadingMs,
    Optional<Limits> limits) {

  static DeviceState initial(String device, Optional<RegisteredDevice> registration) {
    return new DeviceState(device, registration, false, 0, 0, 0, Optional.empty());
  }

  DeviceState withOnline(boolean value) {
    return new DeviceState(device, registration, value, powerW, socPermille, lastReadingMs, limits);
  }

  DeviceState withReading(long power, int soc, long timestampMs) {
    return new DeviceState(device, registration, online, power, soc, timestampMs, limits);
  }

  DeviceState withLimits(Limits value) {
    return new DeviceState(
        device, registration, online, powerW, socPermille, lastReadingMs, Optional.of(value));
  }

  /** Rated power, W, or 0 if the device is not registered. */
  public long ratedPowerW() {
    return registration.map(RegisteredDevice::ratedPowerW).orElse(0L);
  }

  /** Power, W, the device holds without a command (its owner's normal behaviour). */
  public long baselineW() {
    return limits.map(Limits::baselineW).orElse(powerW);
  }

  /** How much more export (or less import), W, the device can give now, within rated power. */
  public long upHeadroomW() {
    long max = Math.min(ratedPowerW(), limits.map(Limits::maxPowerW).orElse(0L));
    return Math.max(0, max - baselineW());
  }

  /** How much more import (or less export), W, the device can take now, within rated power. */
  public long downHeadroomW() {
    long min = Math.max(-ratedPowerW(), limits.map(Limits::minPowerW).orElse(0L));
    return Math.max(0, baselineW() - min);
  }
}
