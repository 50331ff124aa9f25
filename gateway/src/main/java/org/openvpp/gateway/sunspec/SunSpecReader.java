package org.openvpp.gateway.sunspec;

import java.util.Optional;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Measurement;

/**
 * Reads one measurement of one device from its model chain, with scale factors applied and
 * plausibility checked. Point offsets are those of the SunSpec information models (data point
 * offsets after the model's id and length registers).
 */
final class SunSpecReader {
  static final int[] INVERTER_MODELS = {103, 102, 101};
  static final int[] METER_MODELS = {203, 204, 202, 201};
  static final int STORAGE_MODEL = 124;

  /** Models this reader recognises in a chain but does not decode yet (docs/devices.md). */
  static final int[] RECOGNISED_ONLY = {701, 802};

  // inverter 101–103
  static final int INV_W = 12;
  static final int INV_W_SF = 13;
  static final int INV_WH = 22;
  static final int INV_WH_SF = 24;
  static final int INV_LENGTH = 50;
  // meter 201–204
  static final int MTR_TOT_WH_EXP = 36;
  static final int MTR_TOT_WH_IMP = 44;
  static final int MTR_TOT_WH_SF = 52;
  static final int MTR_LENGTH = 105;
  // storage 124
  static final int STO_W_CHA_MAX = 0;
  static final int STO_MOD = 3;
  static final int STO_MIN_RSV_PCT = 5;
  static final int STO_CHA_STATE = 6;
  static final int STO_OUT_W_RTE = 10;
  static final int STO_W_CHA_MAX_SF = 16;
  static final int STO_MIN_RSV_PCT_SF = 19;
  static final int STO_CHA_STATE_SF = 20;
  static final int STO_IN_OUT_W_RTE_SF = 23;
  static final int STO_LENGTH = 24;
  // nameplate 120
  static final int NAMEPLATE_MODEL = 120;
  static final int NPL_W_RTG = 1;
  static final int NPL_W_RTG_SF = 2;
  static final int NPL_LENGTH = 26;
  // immediate controls 123
  static final int CONTROLS_MODEL = 123;
  static final int CTL_W_MAX_LIM_PCT = 3; // then WinTms, RvrtTms, RmpTms, WMaxLim_Ena
  static final int CTL_W_MAX_LIM_ENA = 7;
  static final int CTL_W_MAX_LIM_PCT_SF = 21;
  static final int CTL_LENGTH = 24;

  private SunSpecReader() {}

  /** What a battery's storage model says, kept for setpoint writes. */
  record Storage(ModelChain.Model model, long wChaMaxW, int rateSf) {}

  /**
   * What an inverter's immediate controls model 123 needs for a power limit write.
   *
   * @param wMaxW W that 100 % WMaxLimPct stands for (nameplate WRtg, else the configured rating)
   * @param pctSf WMaxLimPct_SF
   */
  record Curtailment(ModelChain.Model model, long wMaxW, int pctSf) {}

  record Sample(
      Measurement measurement, Optional<Storage> storage, Optional<Curtailment> curtailment) {}

  static Sample read(
      ModbusLink link, int unit, ModelChain chain, SunSpecDeviceConfig config, long nowMs)
      throws SunSpecException {
    ModelChain.Model inv = require(chain, "inverter", INVERTER_MODELS);
    Words w = words(link, unit, inv, INV_LENGTH, "model " + inv.id());
    long powerW = Words.scaled(w.int16(INV_W, "W"), w.sunssf(INV_W_SF, "W_SF"));
    if (Math.abs(powerW) > 2 * config.ratedPowerW()) {
      throw new SunSpecException(
          FailureReason.OUT_OF_RANGE,
          "W = " + powerW + " beyond twice the rated " + config.ratedPowerW() + " W");
    }
    Optional<Measurement.Registers> registers = meterRegisters(link, unit, chain);
    if (registers.isEmpty() && config.role() == SunSpecRole.INVERTER) {
      long wh = Words.scaled(w.acc32(INV_WH, "WH"), w.sunssf(INV_WH_SF, "WH_SF"));
      // An inverter model has one lifetime register: energy delivered (export). Import is 0.
      registers = Optional.of(new Measurement.Registers(0, wh));
    }
    if (config.role() == SunSpecRole.INVERTER) {
      Optional<Curtailment> curtailment = curtailment(link, unit, chain, config);
      // With model 123 the inverter can be curtailed from what it produces now down to 0; it
      // cannot be asked for more than the sun gives, so the envelope never goes above powerW.
      Measurement.Envelope envelope =
          curtailment.isPresent()
              ? new Measurement.Envelope(0, Math.max(0, powerW))
              : Measurement.Envelope.NONE;
      return new Sample(
          new Measurement(config.localId(), nowMs, registers, powerW, 0, envelope),
          Optional.empty(),
          curtailment);
    }
    ModelChain.Model sto = require(chain, "storage", STORAGE_MODEL);
    Words s = words(link, unit, sto, STO_LENGTH, "model 124");
    long wChaMax =
        Words.scaled(s.uint16(STO_W_CHA_MAX, "WChaMax"), s.sunssf(STO_W_CHA_MAX_SF, "WChaMax_SF"));
    double socPct =
        s.uint16(STO_CHA_STATE, "ChaState")
            * Math.pow(10, s.sunssf(STO_CHA_STATE_SF, "ChaState_SF"));
    if (socPct < 0 || socPct > 100) {
      throw new SunSpecException(FailureReason.OUT_OF_RANGE, "ChaState = " + socPct + " %");
    }
    if (wChaMax <= 0 || wChaMax > 10L * config.ratedPowerW()) {
      throw new SunSpecException(FailureReason.OUT_OF_RANGE, "WChaMax = " + wChaMax + " W");
    }
    double minRsvPct = 0;
    if (s.raw(STO_MIN_RSV_PCT) != 0xFFFF && (short) s.raw(STO_MIN_RSV_PCT_SF) != Short.MIN_VALUE) {
      minRsvPct =
          s.raw(STO_MIN_RSV_PCT) * Math.pow(10, s.sunssf(STO_MIN_RSV_PCT_SF, "MinRsvPct_SF"));
    }
    int rateSf = s.sunssf(STO_IN_OUT_W_RTE_SF, "InOutWRte_SF");
    long limit = Math.min(wChaMax, config.ratedPowerW());
    Measurement.Envelope envelope =
        new Measurement.Envelope(socPct >= 100 ? 0 : -limit, socPct <= minRsvPct ? 0 : limit);
    int socPermille = (int) Math.round(socPct * 10);
    return new Sample(
        new Measurement(config.localId(), nowMs, registers, powerW, socPermille, envelope),
        Optional.of(new Storage(sto, wChaMax, rateSf)),
        Optional.empty());
  }

  /** Model 123 if the chain has it, with WMax from nameplate 120 or the configured rating. */
  private static Optional<Curtailment> curtailment(
      ModbusLink link, int unit, ModelChain chain, SunSpecDeviceConfig config)
      throws SunSpecException {
    Optional<ModelChain.Model> ctl = chain.first(CONTROLS_MODEL);
    if (ctl.isEmpty()) {
      return Optional.empty();
    }
    Words c = words(link, unit, ctl.get(), CTL_LENGTH, "model 123");
    int pctSf = c.sunssf(CTL_W_MAX_LIM_PCT_SF, "WMaxLimPct_SF");
    long wMax = config.ratedPowerW();
    Optional<ModelChain.Model> npl = chain.first(NAMEPLATE_MODEL);
    if (npl.isPresent()) {
      Words n = words(link, unit, npl.get(), NPL_LENGTH, "model 120");
      long wRtg = Words.scaled(n.uint16(NPL_W_RTG, "WRtg"), n.sunssf(NPL_W_RTG_SF, "WRtg_SF"));
      if (wRtg <= 0 || wRtg > 10L * config.ratedPowerW()) {
        throw new SunSpecException(FailureReason.OUT_OF_RANGE, "WRtg = " + wRtg + " W");
      }
      wMax = wRtg;
    }
    return Optional.of(new Curtailment(ctl.get(), wMax, pctSf));
  }

  private static Optional<Measurement.Registers> meterRegisters(
      ModbusLink link, int unit, ModelChain chain) throws SunSpecException {
    Optional<ModelChain.Model> meter = chain.first(METER_MODELS);
    if (meter.isEmpty()) {
      return Optional.empty();
    }
    Words m = words(link, unit, meter.get(), MTR_LENGTH, "model " + meter.get().id());
    int sf = m.sunssf(MTR_TOT_WH_SF, "TotWh_SF");
    return Optional.of(
        new Measurement.Registers(
            Words.scaled(m.acc32(MTR_TOT_WH_IMP, "TotWhImp"), sf),
            Words.scaled(m.acc32(MTR_TOT_WH_EXP, "TotWhExp"), sf)));
  }

  private static ModelChain.Model require(ModelChain chain, String what, int... ids)
      throws SunSpecException {
    Optional<ModelChain.Model> m = chain.first(ids);
    if (m.isPresent()) {
      return m.get();
    }
    for (int id : RECOGNISED_ONLY) {
      if (chain.ids().contains(id)) {
        throw new SunSpecException(
            FailureReason.DISCOVERY,
            "no "
                + what
                + " model "
                + java.util.Arrays.toString(ids)
                + "; model "
                + id
                + " is recognised but not decoded yet (chain "
                + chain.ids()
                + ")");
      }
    }
    throw new SunSpecException(
        FailureReason.DISCOVERY,
        "no " + what + " model " + java.util.Arrays.toString(ids) + " in chain " + chain.ids());
  }

  private static Words words(
      ModbusLink link, int unit, ModelChain.Model model, int minLength, String name)
      throws SunSpecException {
    if (model.length() < minLength) {
      throw new SunSpecException(
          FailureReason.MALFORMED, name + " has length " + model.length() + " < " + minLength);
    }
    return new Words(link.read(unit, model.address(), minLength), name);
  }
}
