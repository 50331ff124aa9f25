package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OcppConfigTest {
  static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("gateway.ocpp.chargers", "WB-1, WB-2");
    m.put("gateway.ocpp.charger.WB-1.max.power.w", "11000");
    m.put("gateway.ocpp.charger.WB-1.departure", "07:30");
    m.put("gateway.ocpp.charger.WB-1.energy.wh", "20000");
    m.put("gateway.ocpp.charger.WB-2.max.power.w", "3680");
    m.put("gateway.ocpp.charger.WB-2.phases", "1");
    m.put("gateway.ocpp.charger.WB-2.rate.unit", "w");
    m.put("gateway.ocpp.charger.WB-2.departure", "18:00");
    m.put("gateway.ocpp.charger.WB-2.zone", "Europe/Berlin");
    m.put("gateway.ocpp.charger.WB-2.energy.wh", "0");
    m.put("gateway.sunspec.devices", "");
    return m;
  }

  @Test
  void parsesChargersWithDefaultsAndIgnoresOtherSections() {
    OcppSettings s = OcppConfig.parse(minimal());
    assertThat(s.port()).isEqualTo(8887);
    assertThat(s.path()).isEqualTo("/ocpp");
    assertThat(s.maxFrameBytes()).isEqualTo(65_536);
    assertThat(s.meterIntervalS()).isEqualTo(15);
    ChargerSettings a = s.charger("WB-1").orElseThrow();
    assertThat(a.rateUnit()).isEqualTo(ChargerSettings.RateUnit.A);
    assertThat(a.phases()).isEqualTo(3);
    assertThat(a.voltageV()).isEqualTo(230);
    assertThat(a.minCurrentA()).isEqualTo(6);
    assertThat(a.departure()).isEqualTo(LocalTime.of(7, 30));
    assertThat(a.zone()).isEqualTo(ZoneId.of("UTC"));
    ChargerSettings b = s.charger("WB-2").orElseThrow();
    assertThat(b.rateUnit()).isEqualTo(ChargerSettings.RateUnit.W);
    assertThat(b.wattsPerAmp()).isEqualTo(230);
    assertThat(OcppConfig.profile(b).ratedPowerW()).isEqualTo(3_680);
  }

  @Test
  void refusesTyposMissingOwnerSettingsAndBadValues() {
    Map<String, String> typo = minimal();
    typo.put("gateway.ocpp.charger.WB-1.max.power", "11000");
    assertThatThrownBy(() -> OcppConfig.parse(typo)).hasMessageContaining("unknown key");
    Map<String, String> noDeparture = minimal();
    noDeparture.remove("gateway.ocpp.charger.WB-1.departure");
    assertThatThrownBy(() -> OcppConfig.parse(noDeparture)).hasMessageContaining("departure");
    Map<String, String> noEnergy = minimal();
    noEnergy.remove("gateway.ocpp.charger.WB-1.energy.wh");
    assertThatThrownBy(() -> OcppConfig.parse(noEnergy)).hasMessageContaining("energy.wh");
    Map<String, String> badUnit = minimal();
    badUnit.put("gateway.ocpp.charger.WB-1.rate.unit", "kW");
    assertThatThrownBy(() -> OcppConfig.parse(badUnit)).hasMessageContaining("rate.unit");
    Map<String, String> badZone = minimal();
    badZone.put("gateway.ocpp.charger.WB-1.zone", "Mars/Olympus");
    assertThatThrownBy(() -> OcppConfig.parse(badZone))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, String> badId = minimal();
    badId.put("gateway.ocpp.chargers", "WB 1");
    assertThatThrownBy(() -> OcppConfig.parse(badId)).isInstanceOf(IllegalArgumentException.class);
    Map<String, String> badPath = minimal();
    badPath.put("gateway.ocpp.path", "ocpp/");
    assertThatThrownBy(() -> OcppConfig.parse(badPath))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, String> tinyFrames = minimal();
    tinyFrames.put("gateway.ocpp.max.frame.bytes", "10");
    assertThatThrownBy(() -> OcppConfig.parse(tinyFrames))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
