package org.openvpp.gateway.sunspec;

import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Setpoint;

/**
 * PV curtailment through the immediate controls model 123: a setpoint of P W (export) is a power
 * limit WMaxLimPct = P / WMax in % (scaled by WMaxLimPct_SF) with WMaxLim_Ena = 1; a release is
 * WMaxLim_Ena = 0. WMaxLimPct_RvrtTms is set to the command's remaining validity, so the inverter
 * lifts the limit by itself if the gateway goes silent. The limit is written before the enable, so
 * the inverter never enables an old limit. An inverter cannot be asked for more than the sun gives:
 * a limit above its present output just lets it run free.
 */
final class InverterControl {
  static final int ENABLED = 1;

  private InverterControl() {}

  /** Writes the setpoint; returns the power limit, W, the written percentage stands for. */
  static long apply(
      ModbusLink link, int unit, SunSpecReader.Curtailment ctl, Setpoint setpoint, long nowMs)
      throws SunSpecException {
    int base = ctl.model().address();
    if (setpoint.isRelease()) {
      link.write(unit, base + SunSpecReader.CTL_W_MAX_LIM_ENA, 0);
      return 0;
    }
    long target = Math.max(0, setpoint.targetPowerW().getAsLong()); // PV does not import
    double pct = Math.min(100.0, target * 100.0 / ctl.wMaxW());
    long raw = Math.round(pct * Math.pow(10, -ctl.pctSf()));
    if (raw > 0xFFFF) {
      throw new SunSpecException(
          FailureReason.OUT_OF_RANGE,
          "limit " + pct + " % does not fit WMaxLimPct with scale factor " + ctl.pctSf());
    }
    long revertS = Math.max(1, Math.min(0xFFFF, (setpoint.validUntilMs() - nowMs + 999) / 1000));
    // WMaxLimPct, WMaxLimPct_WinTms, WMaxLimPct_RvrtTms, WMaxLimPct_RmpTms
    link.write(unit, base + SunSpecReader.CTL_W_MAX_LIM_PCT, (int) raw, 0, (int) revertS, 0);
    link.write(unit, base + SunSpecReader.CTL_W_MAX_LIM_ENA, ENABLED);
    return Math.round(raw * Math.pow(10, ctl.pctSf()) / 100.0 * ctl.wMaxW());
  }
}
