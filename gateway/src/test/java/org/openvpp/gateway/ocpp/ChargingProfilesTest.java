package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChargingProfilesTest {
  static ChargerSettings charger(ChargerSettings.RateUnit unit, int phases) {
    return new ChargerSettings(
        "CP1", unit, phases, 230, 11_000, 6, LocalTime.of(7, 0), ZoneOffset.UTC, 20_000);
  }

  @Test
  void convertsWattsToAmperesRoundingUpAndRaisingToTheMinimumCurrent() {
    var three = charger(ChargerSettings.RateUnit.A, 3);
    assertThat(ChargingProfiles.inUnit(three, 6_900).value()).isEqualTo(10.0);
    assertThat(ChargingProfiles.inUnit(three, 6_901).value()).isEqualTo(10.1);
    assertThat(ChargingProfiles.inUnit(three, 6_901).watts()).isGreaterThanOrEqualTo(6_901);
    assertThat(ChargingProfiles.inUnit(three, 1_000).value()).isEqualTo(6.0);
    assertThat(ChargingProfiles.inUnit(three, 0).value()).isEqualTo(0.0);
    var one = charger(ChargerSettings.RateUnit.A, 1);
    assertThat(ChargingProfiles.inUnit(one, 3_680).value()).isEqualTo(16.0);
    assertThat(ChargingProfiles.inUnit(charger(ChargerSettings.RateUnit.W, 3), 4_321).value())
        .isEqualTo(4_321.0);
  }

  @Test
  void buildsATxProfileDuringATransactionAndATxDefaultProfileOtherwise() {
    var c = charger(ChargerSettings.RateUnit.A, 3);
    var limit = ChargingProfiles.inUnit(c, 6_900);
    var tx = ChargingProfiles.request(c, 1, OptionalLong.of(42), 1, limit, 0, 900_000);
    var p = tx.getJsonObject("csChargingProfiles");
    assertThat(tx.getInteger("connectorId")).isEqualTo(1);
    assertThat(p.getString("chargingProfilePurpose")).isEqualTo("TxProfile");
    assertThat(p.getInteger("transactionId")).isEqualTo(42);
    assertThat(p.getString("validTo")).isEqualTo("1970-01-01T00:15:00Z");
    var schedule = p.getJsonObject("chargingSchedule");
    assertThat(schedule.getString("chargingRateUnit")).isEqualTo("A");
    assertThat(schedule.getInteger("duration")).isEqualTo(900);
    var period = schedule.getJsonArray("chargingSchedulePeriod").getJsonObject(0);
    assertThat(period.getDouble("limit")).isEqualTo(10.0);
    assertThat(period.getInteger("numberPhases")).isEqualTo(3);
    var def = ChargingProfiles.request(c, 0, OptionalLong.empty(), 1, limit, 0, 900_000);
    assertThat(def.getJsonObject("csChargingProfiles").getString("chargingProfilePurpose"))
        .isEqualTo("TxDefaultProfile");
    assertThat(def.getJsonObject("csChargingProfiles").containsKey("transactionId")).isFalse();
  }
}
