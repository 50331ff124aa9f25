package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MeterStateTest {
  static final long T = 1_767_225_600_000L;
  final MeterState state =
      new MeterState(ChargingProfilesTest.charger(ChargerSettings.RateUnit.W, 3), 300_000);

  static MeterSample at(long ms, double wh, Double importW) {
    return new MeterSample(
        Instant.ofEpochMilli(ms),
        OptionalDouble.of(wh),
        OptionalDouble.empty(),
        importW == null ? OptionalDouble.empty() : OptionalDouble.of(importW),
        OptionalDouble.empty(),
        OptionalDouble.of(40));
  }

  @Test
  void signsAChargingEvNegativeAndKeepsWholeWattHours() {
    var r = state.accept(at(T, 1_000.7, 7_000.0), T).reading().orElseThrow();
    assertThat(r.powerW()).isEqualTo(-7_000);
    assertThat(r.importWh()).isEqualTo(1_000);
    assertThat(r.socPermille()).isEqualTo(400);
  }

  @Test
  void derivesPowerFromTheRegistersWhenNoneIsReported() {
    state.accept(at(T, 1_000, null), T);
    var r = state.accept(at(T + 60_000, 1_100, null), T + 60_000).reading().orElseThrow();
    assertThat(r.powerW()).isEqualTo(-6_000);
  }

  @Test
  void refusesReplayedReorderedDecreasingAndFutureValues() {
    state.accept(at(T, 1_000, 7_000.0), T);
    assertThat(state.accept(at(T, 1_000, 7_000.0), T).refused())
        .contains(OcppCounters.Reason.OUT_OF_ORDER);
    assertThat(state.accept(at(T - 1, 990, 7_000.0), T).refused())
        .contains(OcppCounters.Reason.OUT_OF_ORDER);
    assertThat(state.accept(at(T + 1_000, 999, 7_000.0), T).refused())
        .contains(OcppCounters.Reason.REGISTER_DECREASED);
    assertThat(state.accept(at(T + 600_000, 1_100, 7_000.0), T).refused())
        .contains(OcppCounters.Reason.CLOCK_SKEW);
    assertThat(state.accept(at(T + 2_000, 1_001, 7_000.0), T + 2_000).reading()).isPresent();
  }

  @Test
  void countsDeliveredEnergyFromTheTransactionStart() {
    state.startSession(500);
    state.accept(at(T, 1_700, 7_000.0), T);
    assertThat(state.deliveredWh()).isEqualTo(1_200.0);
  }

  @Test
  void needsTheImportRegister() {
    var noRegister =
        new MeterSample(
            Instant.ofEpochMilli(T),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.of(5),
            OptionalDouble.empty(),
            OptionalDouble.empty());
    assertThat(state.accept(noRegister, T).refused()).contains(OcppCounters.Reason.NO_REGISTER);
  }
}
