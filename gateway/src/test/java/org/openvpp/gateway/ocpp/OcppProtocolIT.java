package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvpp.contracts.testing.Await;

/**
 * Bad input at the OCPP boundary, from a bare WebSocket client: refused handshakes, malformed
 * frames, wrong message type ids, unknown actions, invalid payloads, oversize and binary frames,
 * stray answers; every one answered or refused as OCPP-J says, and the server keeps serving.
 */
class OcppProtocolIT {
  static final int MAX_FRAME = 4_096;
  Vertx vertx;
  OcppCentralSystem cs;
  final List<ChargerReading> readings = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    ChargerSettings cp = OcppInteropIT.charger("CP1", ChargerSettings.RateUnit.W);
    OcppSettings s =
        new OcppSettings(
            "127.0.0.1", 0, "/ocpp", MAX_FRAME, 60, 1_000, 300_000, 1, Map.of("CP1", cp), 0);
    cs =
        OcppCentralSystem.start(vertx, s, Clock.systemUTC(), readings::add)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  RawOcppClient charger() throws Exception {
    return RawOcppClient.charger(vertx, cs.port(), "CP1");
  }

  /** The server still answers a well-formed request on a fresh connection. */
  void assertStillServing() throws Exception {
    try (RawOcppClient c = charger()) {
      c.boot();
      assertThat(
              c.ask("hb", "[2,\"hb\",\"Heartbeat\",{}]").getJsonObject(2).getString("currentTime"))
          .isNotBlank();
    }
  }

  static int status(Throwable t) {
    Throwable c = t;
    while (c != null && !(c instanceof UpgradeRejectedException)) {
      c = c.getCause();
    }
    return c == null ? -1 : ((UpgradeRejectedException) c).getStatus();
  }

  @Test
  void refusesUnknownChargersWrongPathsAndMissingSubprotocolAtTheHandshake() throws Exception {
    assertThatThrownBy(() -> RawOcppClient.charger(vertx, cs.port(), "CP2"))
        .satisfies(t -> assertThat(status(t)).isEqualTo(404));
    assertThatThrownBy(() -> RawOcppClient.connect(vertx, cs.port(), "/ocpp/CP1", List.of()))
        .satisfies(t -> assertThat(status(t)).isEqualTo(400));
    assertThatThrownBy(
            () -> RawOcppClient.connect(vertx, cs.port(), "/ocpp/CP1", List.of("ocpp2.0.1")))
        .satisfies(t -> assertThat(status(t)).isEqualTo(400));
    assertThatThrownBy(
            () -> RawOcppClient.connect(vertx, cs.port(), "/other/CP1", List.of("ocpp1.6")))
        .satisfies(t -> assertThat(status(t)).isEqualTo(400));
    assertThatThrownBy(
            () -> RawOcppClient.connect(vertx, cs.port(), "/ocpp/CP1/../CP2", List.of("ocpp1.6")))
        .satisfies(t -> assertThat(status(t)).isBetween(400, 404));
    assertThat(cs.counters().get(OcppCounters.Reason.UNKNOWN_CHARGER)).isGreaterThanOrEqualTo(1);
    assertThat(cs.counters().get(OcppCounters.Reason.BAD_HANDSHAKE)).isGreaterThanOrEqualTo(3);
    try (RawOcppClient c = charger()) {
      assertThat(c.subProtocol()).isEqualTo("ocpp1.6");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON                 | {oops                                          | -1 | FormationViolation",
        "object, not array        | {\"a\":1}                                      | -1 | FormationViolation",
        "wrong message type id    | [9,\"m1\",\"Heartbeat\",{}]                    | m1 | FormationViolation",
        "type id as string        | [\"2\",\"m2\",\"Heartbeat\",{}]                | m2 | FormationViolation",
        "payload not an object    | [2,\"m3\",\"Heartbeat\",\"x\"]                 | m3 | FormationViolation",
        "unknown action           | [2,\"m4\",\"Teleport\",{}]                     | m4 | NotImplemented",
        "central-system action    | [2,\"m5\",\"SetChargingProfile\",{}]           | m5 | NotSupported",
        "missing field            | [2,\"m6\",\"StatusNotification\",{\"connectorId\":1,\"status\":\"Available\"}] | m6 | ProtocolError",
        "wrong field type         | [2,\"m7\",\"StatusNotification\",{\"connectorId\":\"1\",\"errorCode\":\"NoError\",\"status\":\"Available\"}] | m7 | TypeConstraintViolation",
        "unknown status           | [2,\"m8\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Flying\"}] | m8 | PropertyConstraintViolation",
        "empty meter values       | [2,\"m9\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[]}] | m9 | OccurenceConstraintViolation",
        "energy in a power unit   | [2,\"m10\",\"MeterValues\",{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-03T10:00:00Z\",\"sampledValue\":[{\"value\":\"5\",\"unit\":\"kW\"}]}]}] | m10 | PropertyConstraintViolation",
        "vendor too long          | [2,\"m11\",\"BootNotification\",{\"chargePointVendor\":\"123456789012345678901\",\"chargePointModel\":\"m\"}] | m11 | PropertyConstraintViolation"
      })
  void answersAMalformedFrameWithTheOcppJErrorAndKeepsTheConnection(
      String why, String frame, String id, String code) throws Exception {
    try (RawOcppClient c = charger()) {
      c.boot();
      JsonArray answer = c.ask(id, frame.trim());
      assertThat(answer.getInteger(0)).as(why).isEqualTo(OcppFrame.CALL_ERROR);
      assertThat(answer.getString(2)).as(why).isEqualTo(code);
      assertThat(answer.getJsonObject(4)).isNotNull();
      assertThat(c.ask("alive", "[2,\"alive\",\"Heartbeat\",{}]").getInteger(0))
          .isEqualTo(OcppFrame.CALL_RESULT);
      assertThat(c.closeStatus).isNull();
    }
    assertThat(readings).isEmpty();
  }

  @Test
  void refusesEveryRequestBeforeAnAcceptedBoot() throws Exception {
    try (RawOcppClient c = charger()) {
      JsonArray a = c.ask("early", "[2,\"early\",\"Heartbeat\",{}]");
      assertThat(a.getString(2)).isEqualTo("SecurityError");
      c.boot();
      assertThat(c.ask("later", "[2,\"later\",\"Heartbeat\",{}]").getInteger(0)).isEqualTo(3);
    }
  }

  @Test
  void closesTheConnectionOnAnOversizeFrameAndServesTheNextOne() throws Exception {
    try (RawOcppClient c = charger()) {
      c.boot();
      String big = "[2,\"big\",\"DataTransfer\",{\"vendorId\":\"" + "x".repeat(MAX_FRAME) + "\"}]";
      c.send(big);
      c.awaitClosed();
      assertThat(c.closeStatus).isEqualTo((short) 1009);
      assertThat(c.received.stream().filter(m -> m.contains("\"big\""))).isEmpty();
    }
    assertThat(cs.counters().get(OcppCounters.Reason.OVERSIZE_FRAME)).isEqualTo(1);
    assertStillServing();
  }

  @Test
  void closesTheConnectionOnAnOversizeMessageSentInSmallFragments() throws Exception {
    try (RawOcppClient c =
        RawOcppClient.connect(vertx, cs.port(), "/ocpp/CP1", List.of("ocpp1.6"), 1_000)) {
      c.boot();
      c.send("[2,\"big\",\"DataTransfer\",{\"vendorId\":\"" + "x".repeat(MAX_FRAME) + "\"}]");
      c.awaitClosed();
      assertThat(c.closeStatus).isEqualTo((short) 1009);
    }
    assertThat(cs.counters().get(OcppCounters.Reason.OVERSIZE_FRAME)).isEqualTo(1);
    assertStillServing();
  }

  @Test
  void closesTheConnectionOnABinaryFrame() throws Exception {
    try (RawOcppClient c = charger()) {
      c.sendBinary(new byte[] {2, 0, 1});
      c.awaitClosed();
      assertThat(c.closeStatus).isEqualTo((short) 1003);
    }
    assertThat(cs.counters().get(OcppCounters.Reason.BINARY_FRAME)).isEqualTo(1);
    assertStillServing();
  }

  @Test
  void neverAnswersStrayOrBrokenAnswersAndSurvivesAFloodOfGarbage() throws Exception {
    try (RawOcppClient c = charger()) {
      c.boot();
      c.send("[3,\"nobody-asked\",{}]");
      c.send("[4,\"nobody-asked\",\"GenericError\",\"\",{}]");
      c.send("[3,\"broken\"]");
      Await.until(
          Duration.ofSeconds(10),
          () -> cs.counters().get(OcppCounters.Reason.STRAY_ANSWER) == 3,
          "three stray answers counted");
      for (int i = 0; i < 1_000; i++) {
        c.send(i % 2 == 0 ? "[" + i : "[2,\"g" + i + "\",\"Nope\",{}]");
      }
      assertThat(c.ask("after", "[2,\"after\",\"Heartbeat\",{}]").getInteger(0)).isEqualTo(3);
      assertThat(
              c.received.stream().filter(m -> m.contains("nobody-asked") || m.contains("broken")))
          .isEmpty();
      assertThat(cs.counters().get(OcppCounters.Reason.MALFORMED_FRAME)).isEqualTo(500);
      assertThat(cs.counters().errors(OcppError.NOT_IMPLEMENTED)).isEqualTo(500);
    }
  }

  @Test
  void aNewConnectionForTheSameChargerReplacesTheOldOne() throws Exception {
    try (RawOcppClient first = charger();
        RawOcppClient second = charger()) {
      first.awaitClosed();
      second.boot();
      assertThat(cs.counters().get(OcppCounters.Reason.REPLACED_CONNECTION)).isEqualTo(1);
      assertThat(cs.connected("CP1")).isTrue();
    }
  }

  @Test
  void aChargingProfileTheChargerRefusesOrIgnoresBecomesAnOutcomeNotAHang() throws Exception {
    try (RawOcppClient c = charger()) {
      c.boot();
      long now = System.currentTimeMillis();
      var silent = cs.setChargingLimit("CP1", 3_000, now, now + 60_000);
      Await.until(
          Duration.ofSeconds(10),
          () -> c.received.stream().anyMatch(m -> m.contains("SetChargingProfile")),
          "request");
      assertThat(
              silent.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).status())
          .isEqualTo("Timeout");
      var refused = cs.setChargingLimit("CP1", 3_000, now, now + 60_000);
      String id =
          Await.value(
              Duration.ofSeconds(10),
              () ->
                  c.received.stream()
                      .map(JsonArray::new)
                      .filter(a -> a.getInteger(0) == 2)
                      .skip(1)
                      .map(a -> a.getString(1))
                      .findFirst()
                      .orElse(null),
              "second request");
      c.send(
          new JsonArray()
              .add(4)
              .add(id)
              .add("NotSupported")
              .add("")
              .add(new JsonObject())
              .encode());
      assertThat(
              refused.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).status())
          .isEqualTo("CallError");
    }
    var offline = cs.setChargingLimit("CP1", 3_000, 0, 1);
    Await.until(Duration.ofSeconds(10), () -> !cs.connected("CP1"), "disconnected");
    assertThat(
            cs.setChargingLimit("CP1", 3_000, 0, 1)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .status())
        .isEqualTo("Offline");
    // Sent while the connection was closing: answered by nobody, so Offline (or, if it went out
    // before the close was seen, still no answer: never a hang).
    assertThat(offline.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).status())
        .isIn("Offline", "Timeout");
  }
}
