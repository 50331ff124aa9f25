package org.openvpp.gateway.ocpp;

import java.util.Optional;

/**
 * The last accepted meter value of one charger: rejects replayed, reordered and decreasing values
 * and turns accepted ones into readings. Registers are monotonic (a charger's meter never runs
 * back), so a lower register is refused rather than stored, whatever its timestamp.
 */
final class MeterState {
  private final ChargerSettings charger;
  private final long maxClockSkewMs;
  private long lastMs = Long.MIN_VALUE;
  private double lastImportWh = -1;
  private double lastExportWh = -1;
  private double sessionStartWh = -1;

  MeterState(ChargerSettings charger, long maxClockSkewMs) {
    this.charger = charger;
    this.maxClockSkewMs = maxClockSkewMs;
  }

  /** The reading for {@code s}, or the reason it is refused. */
  Result accept(MeterSample s, long nowMs) {
    long at = s.timestamp().toEpochMilli();
    if (s.importWh().isEmpty()) {
      return new Result(Optional.empty(), Optional.of(OcppCounters.Reason.NO_REGISTER));
    }
    if (at > nowMs + maxClockSkewMs) {
      return refuse(OcppCounters.Reason.CLOCK_SKEW);
    }
    if (at <= lastMs) {
      return refuse(OcppCounters.Reason.OUT_OF_ORDER);
    }
    double imp = s.importWh().getAsDouble();
    double exp = s.exportWh().orElse(Math.max(0, lastExportWh));
    if (imp < 0 || exp < 0 || imp < lastImportWh || exp < lastExportWh) {
      return refuse(OcppCounters.Reason.REGISTER_DECREASED);
    }
    long powerW = power(s, at, imp, exp);
    lastMs = at;
    lastImportWh = imp;
    lastExportWh = exp;
    if (sessionStartWh < 0) {
      sessionStartWh = imp;
    }
    int soc = (int) Math.round(Math.max(0, Math.min(100, s.socPercent().orElse(0))) * 10);
    return new Result(
        Optional.of(
            new ChargerReading(
                charger.identity(),
                at,
                (long) Math.floor(imp),
                (long) Math.floor(exp),
                powerW,
                soc,
                0,
                0)),
        Optional.empty());
  }

  /**
   * Power with + = export: the reported power if any, else the average since the last value from
   * the registers (a charger that reports only registers still gets an honest power figure).
   */
  private long power(MeterSample s, long at, double imp, double exp) {
    if (s.importW().isPresent() || s.exportW().isPresent()) {
      return Math.round(s.exportW().orElse(0) - s.importW().orElse(0));
    }
    if (lastMs == Long.MIN_VALUE) {
      return 0;
    }
    double hours = (at - lastMs) / 3_600_000.0;
    return Math.round(((exp - lastExportWh) - (imp - lastImportWh)) / hours);
  }

  /** A new charging session starts at this register (StartTransaction.meterStart). */
  void startSession(double meterStartWh) {
    sessionStartWh = meterStartWh;
  }

  /** Energy delivered in this session, Wh (0 before the first value). */
  double deliveredWh() {
    return sessionStartWh < 0 || lastImportWh < 0 ? 0 : lastImportWh - sessionStartWh;
  }

  private static Result refuse(OcppCounters.Reason r) {
    return new Result(Optional.empty(), Optional.of(r));
  }

  record Result(Optional<ChargerReading> reading, Optional<OcppCounters.Reason> refused) {}
}
