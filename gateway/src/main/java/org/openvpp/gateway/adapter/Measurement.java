package org.openvpp.gateway.adapter;

import java.util.Optional;

/**
 * What a device reported at one instant, in the protocol's units and signs (docs/units.md).
 *
 * @param localId the device's id in the adapter's config
 * @param timestampMs UTC ms when the values were read
 * @param registers the device's own cumulative energy registers, if it has any (a SunSpec meter's
 *     or inverter's WH, an OCPP Energy.Active.Import.Register); empty for devices without (a
 *     SunSpec storage model has none): the gateway then integrates power and says so in its docs
 * @param powerW active power, W, + = export / discharge
 * @param socPermille state of charge, ‰, 0 for devices without storage
 * @param envelope the power range the device can be set to now
 */
public record Measurement(
    String localId,
    long timestampMs,
    Optional<Registers> registers,
    long powerW,
    int socPermille,
    Envelope envelope) {

  public Measurement {
    if (socPermille < 0 || socPermille > 1000) {
      throw new IllegalArgumentException("socPermille out of range: " + socPermille);
    }
  }

  /** Cumulative energy registers, Wh, that only grow. */
  public record Registers(long importWh, long exportWh) {
    public Registers {
      if (importWh < 0 || exportWh < 0) {
        throw new IllegalArgumentException("negative energy register");
      }
    }
  }

  /**
   * The power range, W, a setpoint may ask for now (negative = import / charge), as the device
   * reports it (for example a battery's maximum charge and discharge rate, narrowed at full or
   * empty). {@code minPowerW == maxPowerW == 0} for a device that takes no setpoints.
   */
  public record Envelope(long minPowerW, long maxPowerW) {
    public static final Envelope NONE = new Envelope(0, 0);

    public Envelope {
      if (minPowerW > maxPowerW) {
        throw new IllegalArgumentException("minPowerW > maxPowerW");
      }
    }

    public long clamp(long targetW) {
      return Math.max(minPowerW, Math.min(maxPowerW, targetW));
    }
  }
}
