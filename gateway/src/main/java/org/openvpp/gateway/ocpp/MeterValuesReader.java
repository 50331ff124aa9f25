package org.openvpp.gateway.ocpp;

import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the {@code meterValue} list of a MeterValues (or StopTransaction) request into samples in
 * base units. Units are converted (kWh → Wh, kW → W; OCPP 1.6 has no separate multiplier, the unit
 * carries it); a measurand reported per phase only is summed over L1, L2 and L3; a value with no
 * phase wins over per-phase ones. Measurands the gateway does not map are skipped; a wrong unit or
 * a value that is not a finite number makes the whole request a PropertyConstraintViolation, since
 * a register read in the wrong unit would corrupt every later reading.
 */
final class MeterValuesReader {
  static final String IMPORT_REGISTER = "Energy.Active.Import.Register";
  static final String EXPORT_REGISTER = "Energy.Active.Export.Register";
  static final String IMPORT_POWER = "Power.Active.Import";
  static final String EXPORT_POWER = "Power.Active.Export";
  static final String SOC = "SoC";
  private static final Set<String> PHASES = Set.of("L1", "L2", "L3", "L1-N", "L2-N", "L3-N");

  private MeterValuesReader() {}

  static List<MeterSample> read(JsonArray meterValues, String where) {
    if (meterValues.isEmpty()) {
      throw new OcppViolation(
          OcppError.OCCURENCE_CONSTRAINT_VIOLATION, where + ".meterValue needs at least one entry");
    }
    Payload list = new Payload(new io.vertx.core.json.JsonObject(), where);
    List<MeterSample> out = new ArrayList<>();
    for (int i = 0; i < meterValues.size(); i++) {
      Payload mv = list.object(meterValues, i, "meterValue");
      out.add(sample(mv.time("timestamp"), mv, mv.array("sampledValue")));
    }
    return out;
  }

  private static MeterSample sample(Instant at, Payload mv, JsonArray sampled) {
    if (sampled.isEmpty()) {
      throw new OcppViolation(
          OcppError.OCCURENCE_CONSTRAINT_VIOLATION, "sampledValue needs at least one entry");
    }
    Map<String, Totals> byMeasurand = new HashMap<>();
    for (int i = 0; i < sampled.size(); i++) {
      Payload sv = mv.object(sampled, i, "sampledValue");
      if (sv.optString("format", 16).orElse("Raw").equals("SignedData")) {
        continue; // an opaque signed blob: nothing the gateway can read
      }
      String measurand = sv.optString("measurand", 64).orElse(IMPORT_REGISTER);
      if (!Set.of(IMPORT_REGISTER, EXPORT_REGISTER, IMPORT_POWER, EXPORT_POWER, SOC)
          .contains(measurand)) {
        continue;
      }
      double value = inBaseUnit(measurand, sv.optString("unit", 16), number(sv));
      String phase = sv.optString("phase", 8).orElse("");
      Totals t = byMeasurand.computeIfAbsent(measurand, m -> new Totals());
      if (phase.isEmpty()) {
        t.total = OptionalDouble.of(value);
      } else if (PHASES.contains(phase)) {
        t.phaseSum += value;
        t.phases++;
      }
    }
    return new MeterSample(
        at,
        value(byMeasurand, IMPORT_REGISTER),
        value(byMeasurand, EXPORT_REGISTER),
        value(byMeasurand, IMPORT_POWER),
        value(byMeasurand, EXPORT_POWER),
        value(byMeasurand, SOC));
  }

  private static double number(Payload sv) {
    String raw = sv.string("value", 64);
    try {
      double v = Double.parseDouble(raw);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new OcppViolation(
        OcppError.PROPERTY_CONSTRAINT_VIOLATION, "sampledValue.value is not a number: " + raw);
  }

  static double inBaseUnit(String measurand, java.util.Optional<String> unit, double v) {
    String u =
        unit.orElse(
            measurand.startsWith("Energy") ? "Wh" : measurand.equals(SOC) ? "Percent" : "W");
    boolean ok =
        switch (measurand) {
          case IMPORT_REGISTER, EXPORT_REGISTER -> u.equals("Wh") || u.equals("kWh");
          case IMPORT_POWER, EXPORT_POWER -> u.equals("W") || u.equals("kW");
          default -> u.equals("Percent");
        };
    if (!ok) {
      throw new OcppViolation(
          OcppError.PROPERTY_CONSTRAINT_VIOLATION, measurand + " cannot be in unit " + u);
    }
    return u.startsWith("k") ? v * 1000 : v;
  }

  private static OptionalDouble value(Map<String, Totals> m, String measurand) {
    Totals t = m.get(measurand);
    if (t == null) {
      return OptionalDouble.empty();
    }
    return t.total.isPresent() || t.phases == 0 ? t.total : OptionalDouble.of(t.phaseSum);
  }

  private static final class Totals {
    OptionalDouble total = OptionalDouble.empty();
    double phaseSum;
    int phases;
  }
}
