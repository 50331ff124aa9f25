package org.openvpp.gateway.sunspec;

import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Setpoint;

/**
 * Dispatch through the storage control model 124: discharge at P W is StorCtl_Mod = DISCHARGE (bit
 * 1) with OutWRte = P / WChaMax in % (scaled by InOutWRte_SF); charge is StorCtl_Mod = CHARGE (bit
 * 0) with InWRte; a release is StorCtl_Mod = 0. InOutWRte_RvrtTms is set to the command's remaining
 * validity, so the battery reverts by itself if the gateway goes silent. The rates are written
 * before the mode, so the battery never runs a new mode with an old rate.
 */
final class StorageControl {
  static final int CHARGE = 1;
  static final int DISCHARGE = 2;
  private static final int RATES = SunSpecReader.STO_OUT_W_RTE; // OutWRte, InWRte, WinTms, RvrtTms

  private StorageControl() {}

  /** Writes the setpoint; returns the power, W, the written rate stands for. */
  static long apply(
      ModbusLink link, int unit, SunSpecReader.Storage storage, Setpoint setpoint, long nowMs)
      throws SunSpecException {
    int base = storage.model().address();
    if (setpoint.isRelease()) {
      link.write(unit, base + RATES, 0, 0, 0, 0);
      link.write(unit, base + SunSpecReader.STO_MOD, 0);
      return 0;
    }
    long target = setpoint.targetPowerW().getAsLong();
    double pct = Math.min(100.0, Math.abs(target) * 100.0 / storage.wChaMaxW());
    long raw = Math.round(pct * Math.pow(10, -storage.rateSf()));
    if (raw > Short.MAX_VALUE) {
      throw new SunSpecException(
          FailureReason.OUT_OF_RANGE,
          "rate " + pct + " % does not fit InOutWRte with scale factor " + storage.rateSf());
    }
    long revertS = Math.max(1, Math.min(0xFFFF, (setpoint.validUntilMs() - nowMs + 999) / 1000));
    int out = target > 0 ? (int) raw : 0;
    int in = target < 0 ? (int) raw : 0;
    link.write(unit, base + RATES, out, in, 0, (int) revertS);
    link.write(
        unit, base + SunSpecReader.STO_MOD, target > 0 ? DISCHARGE : target < 0 ? CHARGE : 0);
    double appliedPct = raw * Math.pow(10, storage.rateSf());
    return Math.round(Math.signum(target) * appliedPct / 100.0 * storage.wChaMaxW());
  }
}
