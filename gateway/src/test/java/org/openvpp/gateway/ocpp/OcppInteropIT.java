package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.gateway.adapter.AdapterSink;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Measurement;
import org.openvpp.gateway.adapter.Setpoint;
import org.openvpp.gateway.adapter.SetpointResult;

/**
 * The OCPP adapter against an independent charge point (ocpp-rpc in strict mode, which checks every
 * message against the OCPP 1.6 JSON schemas): boot, status, meter values with kWh and per-phase
 * power, charging profiles obeyed, the departure rule, release, replays and an unknown charger.
 */
class OcppInteropIT {
  static final Duration T = Duration.ofSeconds(20);
  final List<Measurement> measured = new CopyOnWriteArrayList<>();
  final List<String> connections = new CopyOnWriteArrayList<>();
  OcppAdapter adapter;
  OcppChargePoint cp;

  static ChargerSettings charger(String id, ChargerSettings.RateUnit unit) {
    // Departure far away with little need: the departure rule leaves room to pause.
    return new ChargerSettings(
        id, unit, 3, 230, 11_000, 6, LocalTime.of(7, 0), ZoneOffset.UTC, 1_000);
  }

  @BeforeEach
  void start() {
    OcppSettings s =
        OcppSettings.defaults(
                Map.of(
                    "WB-A", charger("WB-A", ChargerSettings.RateUnit.A),
                    "WB-W", charger("WB-W", ChargerSettings.RateUnit.W)))
            .withPort("127.0.0.1", 0);
    adapter = new OcppAdapter(s, Clock.systemUTC());
    adapter.start(
        new AdapterSink() {
          @Override
          public void measured(Measurement m) {
            measured.add(m);
          }

          @Override
          public void connection(String localId, ConnectionState state) {
            connections.add(localId + ":" + state);
          }
        });
  }

  @AfterEach
  void stop() {
    if (cp != null) {
      cp.close();
    }
    adapter.close();
  }

  OcppChargePoint chargePoint(String identity) {
    return OcppChargePoint.start(
        new JsonObject()
            .put("url", "ws://127.0.0.1:" + adapter.port() + "/ocpp")
            .put("identity", identity)
            .put("maxPowerW", 11_000)
            .put("intervalMs", 200));
  }

  List<Measurement> of(String id) {
    return measured.stream().filter(m -> m.localId().equals(id)).toList();
  }

  @Test
  void aBootedChargerDeliversMeasurementsInBaseUnitsAndSigns() {
    cp = chargePoint("WB-A");
    assertThat(cp.await("booted", T).getString("status")).isEqualTo("Accepted");
    assertThat(cp.await("connected", T).getString("protocol")).isEqualTo("ocpp1.6");
    Await.until(T, () -> of("WB-A").size() >= 3, "three measurements");
    Measurement m = of("WB-A").get(of("WB-A").size() - 1);
    // 11 kW reported as three per-phase values of Power.Active.Import, register in kWh.
    assertThat(m.powerW()).isEqualTo(-11_000);
    assertThat(m.registers().orElseThrow().importWh()).isBetween(1_000L, 2_000L);
    assertThat(m.socPermille()).isBetween(200, 1_000);
    assertThat(m.envelope()).isEqualTo(new Measurement.Envelope(-11_000, 0));
    assertThat(connections).contains("WB-A:CONNECTED");
    assertThat(adapter.centralSystem().connectorStatus("WB-A", 1)).contains("Charging");
    assertThat(adapter.counters().get(OcppCounters.Reason.MALFORMED_FRAME)).isZero();
    assertThat(adapter.counters().errors(OcppError.SECURITY_ERROR)).isZero();
    // After its boot the charger was asked for meter values every 15 s with our measurands.
    assertThat(
            cp.await("configured", e -> e.getString("key").equals("MeterValueSampleInterval"), T)
                .getString("value"))
        .isEqualTo("15");
    assertThat(
            cp.await("configured", e -> e.getString("key").equals("MeterValuesSampledData"), T)
                .getString("value"))
        .isEqualTo("Energy.Active.Import.Register,Power.Active.Import,SoC");
  }

  @Test
  void aSetpointBecomesATxProfileInAmperesThatTheChargerObeys() throws Exception {
    cp = chargePoint("WB-A");
    Await.until(T, () -> !of("WB-A").isEmpty(), "first measurement");
    long until = System.currentTimeMillis() + 600_000;
    SetpointResult r =
        adapter
            .apply(new Setpoint("WB-A", 1, OptionalLong.of(-4_140), until))
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
    // 4,140 W on 3 × 230 V is 6.0 A: applied exactly, as a charge (negative).
    assertThat(r).isEqualTo(SetpointResult.applied(-4_140));
    JsonObject profile = cp.await("profile", T);
    assertThat(profile.getString("purpose")).isEqualTo("TxProfile");
    assertThat(profile.getString("unit")).isEqualTo("A");
    assertThat(profile.getDouble("limit")).isEqualTo(6.0);
    assertThat(profile.getValue("transactionId")).isNotNull();
    Await.until(
        T,
        () -> of("WB-A").stream().anyMatch(m -> m.powerW() == -4_140),
        "the charger reports the lower power");
  }

  @Test
  void aReleaseClearsTheProfileAndTheChargerReturnsToFullPower() throws Exception {
    cp = chargePoint("WB-W");
    Await.until(T, () -> !of("WB-W").isEmpty(), "first measurement");
    adapter
        .apply(new Setpoint("WB-W", 1, OptionalLong.of(0), System.currentTimeMillis() + 600_000))
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    assertThat(cp.await("profile", T).getDouble("limit")).isEqualTo(0.0);
    Await.until(T, () -> of("WB-W").stream().anyMatch(m -> m.powerW() == 0), "paused");
    SetpointResult r =
        adapter.apply(Setpoint.release("WB-W", 2)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(SetpointResult.Status.APPLIED);
    cp.await("cleared", T);
    int seen = of("WB-W").size();
    Await.until(
        T,
        () -> of("WB-W").stream().skip(seen).anyMatch(m -> m.powerW() == -11_000),
        "full power again");
  }

  @Test
  void theDepartureRuleRaisesAPauseThatWouldLeaveTheEvShort() throws Exception {
    cp = chargePoint("WB-W");
    Await.until(T, () -> !of("WB-W").isEmpty(), "first measurement");
    long now = System.currentTimeMillis();
    // 5 kWh needed within 30 minutes: a pause of 15 minutes cannot be allowed in full.
    adapter.centralSystem().setOwnerPlan("WB-W", new OwnerPlan(now + 1_800_000, 5_000));
    ChargeOutcome o =
        adapter
            .centralSystem()
            .setChargingLimit("WB-W", 0, now, now + 900_000)
            .toCompletionStage()
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
    assertThat(o.accepted()).isTrue();
    assertThat(o.raisedForDeparture()).isTrue();
    // Needed ≈ 5 kWh less what was delivered; after the window 15 min · 9.9 kW = 2.475 kWh.
    assertThat(o.limitW()).isBetween(9_000L, 10_100L);
    assertThat(cp.await("profile", T).getDouble("limitW")).isEqualTo((double) o.limitW());
    Await.until(
        T,
        () -> of("WB-W").stream().anyMatch(m -> m.envelope().maxPowerW() < 0),
        "the envelope shows the floor");
  }

  @Test
  void replayedAndRolledBackMeterValuesFromTheChargerAreCountedAndDropped() {
    cp = chargePoint("WB-W");
    cp.await("meter", T);
    cp.command("replay");
    cp.await("replayed", T);
    cp.command("rollback");
    cp.await("rolledBack", T);
    Await.until(
        T,
        () ->
            adapter.counters().get(OcppCounters.Reason.OUT_OF_ORDER) >= 1
                && adapter.counters().get(OcppCounters.Reason.REGISTER_DECREASED) == 1,
        "both counted");
    assertThat(adapter.failures().get("WB-W", FailureReason.OUT_OF_RANGE))
        .isGreaterThanOrEqualTo(2);
    // Every measurement passed on has a register no lower than the one before it.
    List<Measurement> ms = of("WB-W");
    for (int i = 1; i < ms.size(); i++) {
      assertThat(ms.get(i).registers().orElseThrow().importWh())
          .isGreaterThanOrEqualTo(ms.get(i - 1).registers().orElseThrow().importWh());
      assertThat(ms.get(i).timestampMs()).isGreaterThan(ms.get(i - 1).timestampMs());
    }
    assertThat(cp.events("closed")).isEmpty();
  }

  @Test
  void anUnknownChargerIsRefusedAtTheHandshake() {
    cp = chargePoint("WB-STRANGER");
    JsonObject refused = cp.await("refused", T);
    assertThat(refused.getInteger("status")).isEqualTo(404);
    assertThat(adapter.counters().get(OcppCounters.Reason.UNKNOWN_CHARGER)).isEqualTo(1);
    assertThat(measured).isEmpty();
  }
}
