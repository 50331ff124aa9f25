package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeterValuesReaderTest {
  static JsonObject sv(String value, String measurand, String unit, String phase) {
    JsonObject o = new JsonObject().put("value", value);
    if (measurand != null) {
      o.put("measurand", measurand);
    }
    if (unit != null) {
      o.put("unit", unit);
    }
    if (phase != null) {
      o.put("phase", phase);
    }
    return o;
  }

  static List<MeterSample> read(JsonObject... sampled) {
    JsonArray mv =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("timestamp", "2026-12-03T10:00:00Z")
                    .put("sampledValue", new JsonArray(List.of((Object[]) sampled))));
    return MeterValuesReader.read(mv, "MeterValues");
  }

  @Test
  void convertsKilowattHoursAndKilowattsToBaseUnits() {
    MeterSample s =
        read(
                sv("12.345", "Energy.Active.Import.Register", "kWh", null),
                sv("7.4", "Power.Active.Import", "kW", null),
                sv("55", "SoC", "Percent", null))
            .get(0);
    assertThat(s.importWh().getAsDouble())
        .isEqualTo(12_345.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(s.importW().getAsDouble())
        .isEqualTo(7_400.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(s.socPercent().getAsDouble()).isEqualTo(55.0);
    assertThat(s.timestamp().toString()).isEqualTo("2026-12-03T10:00:00Z");
  }

  @Test
  void treatsAValueWithoutMeasurandAsTheImportRegisterInWh() {
    assertThat(read(sv("900", null, null, null)).get(0).importWh().getAsDouble()).isEqualTo(900.0);
  }

  @Test
  void sumsPerPhaseValuesAndLetsATotalWin() {
    MeterSample phases =
        read(
                sv("2300", "Power.Active.Import", "W", "L1"),
                sv("2300", "Power.Active.Import", "W", "L2"),
                sv("2200", "Power.Active.Import", "W", "L3"),
                sv("5", "Power.Active.Import", "W", "N"))
            .get(0);
    assertThat(phases.importW().getAsDouble()).isEqualTo(6_800.0);
    MeterSample total =
        read(
                sv("2300", "Power.Active.Import", "W", "L1"),
                sv("7000", "Power.Active.Import", "W", null))
            .get(0);
    assertThat(total.importW().getAsDouble()).isEqualTo(7_000.0);
  }

  @Test
  void skipsMeasurandsItDoesNotMapAndSignedData() {
    MeterSample s =
        read(
                sv("16", "Current.Import", "A", "L1"),
                sv("230", "Voltage", "V", "L1-N"),
                new JsonObject().put("value", "AB12").put("format", "SignedData"))
            .get(0);
    assertThat(s.importWh()).isEmpty();
    assertThat(s.importW()).isEmpty();
  }

  @Test
  void refusesAWrongUnitOrANonNumber() {
    assertThatThrownBy(() -> read(sv("5", "Energy.Active.Import.Register", "varh", null)))
        .isInstanceOfSatisfying(
            OcppViolation.class,
            v -> assertThat(v.code()).isEqualTo(OcppError.PROPERTY_CONSTRAINT_VIOLATION));
    assertThatThrownBy(() -> read(sv("NaN", "Energy.Active.Import.Register", "Wh", null)))
        .isInstanceOfSatisfying(
            OcppViolation.class,
            v -> assertThat(v.code()).isEqualTo(OcppError.PROPERTY_CONSTRAINT_VIOLATION));
    assertThatThrownBy(() -> read(sv("12kWh", null, null, null))).isInstanceOf(OcppViolation.class);
  }

  @Test
  void answersMissingAndMistypedFieldsWithTheirOcppCodes() {
    assertThatThrownBy(() -> MeterValuesReader.read(new JsonArray(), "MeterValues"))
        .isInstanceOfSatisfying(
            OcppViolation.class,
            v -> assertThat(v.code()).isEqualTo(OcppError.OCCURENCE_CONSTRAINT_VIOLATION));
    JsonArray noTime = new JsonArray().add(new JsonObject().put("sampledValue", new JsonArray()));
    assertThatThrownBy(() -> MeterValuesReader.read(noTime, "MeterValues"))
        .isInstanceOfSatisfying(
            OcppViolation.class, v -> assertThat(v.code()).isEqualTo(OcppError.PROTOCOL_ERROR));
    JsonArray badTime =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("timestamp", "yesterday")
                    .put("sampledValue", new JsonArray()));
    assertThatThrownBy(() -> MeterValuesReader.read(badTime, "MeterValues"))
        .isInstanceOfSatisfying(
            OcppViolation.class,
            v -> assertThat(v.code()).isEqualTo(OcppError.TYPE_CONSTRAINT_VIOLATION));
    JsonArray numberValue =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("timestamp", "2026-12-03T10:00:00Z")
                    .put("sampledValue", new JsonArray().add(new JsonObject().put("value", 5))));
    assertThatThrownBy(() -> MeterValuesReader.read(numberValue, "MeterValues"))
        .isInstanceOfSatisfying(
            OcppViolation.class,
            v -> assertThat(v.code()).isEqualTo(OcppError.TYPE_CONSTRAINT_VIOLATION));
  }
}
