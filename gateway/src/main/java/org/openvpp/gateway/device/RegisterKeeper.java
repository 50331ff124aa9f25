package org.openvpp.gateway.device;

import java.util.Optional;
import org.openvpp.gateway.adapter.Measurement;

/**
 * The cumulative import/export registers signed for one device. Devices with their own registers (a
 * meter's or inverter's lifetime Wh) are signed as they are, and a sample whose registers went
 * backwards is refused (the node would reject the reading as REGISTER_ROLLBACK and settle its
 * sequence for nothing). Devices without registers get power integrated over time by the gateway,
 * starting from the last signed values: weaker evidence, said so in docs/devices.md.
 */
final class RegisterKeeper {
  private long importWh;
  private long exportWh;
  private double importFraction;
  private double exportFraction;
  private long lastMs;
  private long lastPowerW;
  private boolean started;

  RegisterKeeper(long importWh, long exportWh) {
    this.importWh = importWh;
    this.exportWh = exportWh;
  }

  /**
   * The registers for this measurement, or empty when its own registers went backwards (the caller
   * counts OUT_OF_RANGE and signs nothing for this sample).
   */
  Optional<Measurement.Registers> next(Measurement m) {
    if (m.registers().isPresent()) {
      Measurement.Registers r = m.registers().get();
      if (r.importWh() < importWh || r.exportWh() < exportWh) {
        return Optional.empty();
      }
      importWh = r.importWh();
      exportWh = r.exportWh();
    } else {
      integrate(m);
    }
    lastMs = m.timestampMs();
    lastPowerW = m.powerW();
    started = true;
    return Optional.of(new Measurement.Registers(importWh, exportWh));
  }

  /** Left-rectangle integration: the power last seen held until this sample. */
  private void integrate(Measurement m) {
    if (!started || m.timestampMs() <= lastMs) {
      return;
    }
    double wh = Math.abs(lastPowerW) * ((m.timestampMs() - lastMs) / 3_600_000.0);
    if (lastPowerW > 0) {
      exportFraction += wh;
      long whole = (long) exportFraction;
      exportWh += whole;
      exportFraction -= whole;
    } else if (lastPowerW < 0) {
      importFraction += wh;
      long whole = (long) importFraction;
      importWh += whole;
      importFraction -= whole;
    }
  }
}
