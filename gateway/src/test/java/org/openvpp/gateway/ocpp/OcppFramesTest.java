package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OcppFramesTest {
  @Test
  void readsACall() {
    var p = OcppFrames.parse("[2,\"19223201\",\"BootNotification\",{\"chargePointVendor\":\"V\"}]");
    assertThat(p).isInstanceOf(OcppFrames.Parsed.Ok.class);
    var call = (OcppFrame.Call) ((OcppFrames.Parsed.Ok) p).frame();
    assertThat(call.uniqueId()).isEqualTo("19223201");
    assertThat(call.action()).isEqualTo("BootNotification");
    assertThat(call.payload().getString("chargePointVendor")).isEqualTo("V");
  }

  @Test
  void readsAResultAndAnErrorAndRoundTripsThem() {
    var result = new OcppFrame.CallResult("a", new JsonObject().put("status", "Accepted"));
    var error = OcppFrame.CallError.of("b", OcppError.OCCURENCE_CONSTRAINT_VIOLATION, "x");
    assertThat(((OcppFrames.Parsed.Ok) OcppFrames.parse(result.encode())).frame())
        .isEqualTo(result);
    assertThat(((OcppFrames.Parsed.Ok) OcppFrames.parse(error.encode())).frame()).isEqualTo(error);
    assertThat(error.encode()).contains("\"OccurenceConstraintViolation\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"a\":1}",
        "\"text\"",
        "[]",
        "[2]",
        "[\"2\",\"id\",\"Heartbeat\",{}]",
        "[2.5,\"id\",\"Heartbeat\",{}]",
        "[2,17,\"Heartbeat\",{}]",
        "[2,\"\",\"Heartbeat\",{}]",
        "[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}]",
        "[2,\"id\",\"Heartbeat\",[]]",
        "[2,\"id\",\"Heartbeat\",{},{}]",
        "[2,\"id\",7,{}]",
        "[7,\"id\",\"Heartbeat\",{}]",
        "[2,\"id\",\"Heartbeat\",{}"
      })
  void answersAnythingThatIsNotAFrameWithFormationViolation(String text) {
    var p = OcppFrames.parse(text);
    assertThat(p).isInstanceOf(OcppFrames.Parsed.Bad.class);
    var bad = (OcppFrames.Parsed.Bad) p;
    assertThat(bad.answerable()).isTrue();
    assertThat(bad.answer().code()).isEqualTo(OcppError.FORMATION_VIOLATION);
  }

  @Test
  void keepsTheIdOfABrokenCallWhenItCanBeReadAndUsesMinusOneOtherwise() {
    assertThat(
            ((OcppFrames.Parsed.Bad) OcppFrames.parse("[7,\"abc\",\"X\",{}]")).answer().uniqueId())
        .isEqualTo("abc");
    assertThat(((OcppFrames.Parsed.Bad) OcppFrames.parse("nope")).answer().uniqueId())
        .isEqualTo("-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[3,\"id\"]", "[3,\"id\",[]]", "[4,\"id\",\"X\"]", "[4,\"id\",1,\"d\",{}]"})
  void neverAnswersABrokenAnswer(String text) {
    var bad = (OcppFrames.Parsed.Bad) OcppFrames.parse(text);
    assertThat(bad.answerable()).isFalse();
  }

  @Test
  void mapsAnUnknownErrorCodeFromAPeerToGenericError() {
    var p = (OcppFrames.Parsed.Ok) OcppFrames.parse("[4,\"id\",\"Weird\",\"d\",{}]");
    assertThat(((OcppFrame.CallError) p.frame()).code()).isEqualTo(OcppError.GENERIC_ERROR);
  }
}
