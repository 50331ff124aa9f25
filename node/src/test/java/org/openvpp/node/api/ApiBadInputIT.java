package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad requests get a 4xx with {@code {"error", "detail"}} naming the problem, and change nothing:
 * after every refused write the device's limits are still the last good ones.
 */
class ApiBadInputIT {
  private static final String LIMITS = "/v1/devices/" + ApiHarness.DEVICE + "/limits";
  private static final String GOOD =
      "{\"minSocPermille\":200,\"reserveWh\":1000,\"departureMs\":0}";

  @TempDir static Path dir;
  private static ApiHarness api;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    api = new ApiHarness(dir);
    token = api.token();
    assertThat(api.put(LIMITS, GOOD, token).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void malformedJsonIsRefused() throws Exception {
    refused(api.put(LIMITS, "{\"minSocPermille\": 200,", token), 400, "malformed-json");
    refused(api.put(LIMITS, "[1,2,3]", token), 400, "malformed-json");
    refused(api.put(LIMITS, "", token), 400, "malformed-json");
  }

  @Test
  void anOversizeBodyIsRefusedWith413() throws Exception {
    String big = "{\"minSocPermille\":200,\"pad\":\"" + "x".repeat(20_000) + "\"}";
    refused(api.put(LIMITS, big, token), 413, "body-too-large");
  }

  @Test
  void wrongTypesAndRangesNameTheField() throws Exception {
    refused(
        api.put(LIMITS, "{\"minSocPermille\":\"20%\",\"reserveWh\":0,\"departureMs\":0}", token),
        400,
        "bad-field",
        "minSocPermille");
    refused(
        api.put(LIMITS, "{\"minSocPermille\":200,\"reserveWh\":1.5,\"departureMs\":0}", token),
        400,
        "bad-field",
        "reserveWh");
    refused(
        api.put(LIMITS, "{\"minSocPermille\":1001,\"reserveWh\":0,\"departureMs\":0}", token),
        400,
        "bad-field",
        "minSocPermille");
    refused(
        api.put(LIMITS, "{\"minSocPermille\":200,\"reserveWh\":-1,\"departureMs\":0}", token),
        400,
        "bad-field",
        "reserveWh");
    refused(
        api.put(LIMITS, "{\"minSocPermille\":200,\"reserveWh\":0}", token),
        400,
        "bad-field",
        "departureMs");
    refused(
        api.put(
            LIMITS,
            "{\"minSocPermile\":200,\"minSocPermille\":200,\"reserveWh\":0,\"departureMs\":0}",
            token),
        400,
        "unknown-field",
        "minSocPermile");
    refused(api.get("/v1/requests?limit=ten"), 400, "bad-query", "limit");
    refused(api.get("/v1/requests?limit=0"), 400, "bad-query", "limit");
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedWith415() throws Exception {
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(URI.create(api.base() + LIMITS))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(GOOD)));
    refused(r, 415, "unsupported-media-type");
  }

  @Test
  void malformedAddressesAreRefusedWith400() throws Exception {
    refused(api.get("/v1/rewards/0x1234"), 400, "bad-address", "owner");
    refused(api.get("/v1/rewards/alice"), 400, "bad-address", "owner");
    refused(api.get("/v1/rewards/0x" + "g".repeat(40)), 400, "bad-address");
    refused(api.get("/v1/earnings/0x" + "1".repeat(41)), 400, "bad-address");
    refused(api.get("/v1/devices/not-a-device"), 400, "bad-address", "device");
    refused(api.put("/v1/devices/0x12/limits", GOOD, token), 400, "bad-address");
  }

  @Test
  void anUnknownDeviceIs404() throws Exception {
    String other = "/v1/devices/0x" + "ab".repeat(20);
    refused(api.get(other), 404, "not-found");
    refused(api.put(other + "/limits", GOOD, token), 404, "not-found");
  }

  @Test
  void writesWithoutTheTokenOrWithAForgedOneAreRefusedWith401() throws Exception {
    HttpResponse<String> missing = api.put(LIMITS, GOOD.replace("200", "300"), null);
    refused(missing, 401, "unauthorized", "Bearer");
    assertThat(missing.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    char last = token.charAt(63);
    String forged = token.substring(0, 63) + (last == '0' ? '1' : '0');
    refused(api.put(LIMITS, GOOD.replace("200", "300"), forged), 401, "unauthorized");
    refused(api.put(LIMITS, GOOD.replace("200", "300"), token + "00"), 401, "unauthorized");
    refused(api.put(LIMITS, GOOD.replace("200", "300"), ""), 401, "unauthorized");
    HttpResponse<String> basic =
        api.send(
            HttpRequest.newBuilder(URI.create(api.base() + LIMITS))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(GOOD.replace("200", "300"))));
    refused(basic, 401, "unauthorized");
  }

  @Test
  void unknownRoutesAndMethodsAreRefused() throws Exception {
    refused(api.get("/v1/nothing-here"), 404, "not-found", "/v1/nothing-here");
    refused(api.get("/"), 404, "not-found");
    HttpResponse<String> delete =
        api.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/v1/devices"))
                .header("Authorization", "Bearer " + token)
                .DELETE());
    refused(delete, 405, "method-not-allowed", "DELETE");
  }

  /** Asserts the status and error code, names in the detail, and that the limits did not change. */
  private static void refused(HttpResponse<String> r, int status, String error, String... names)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("detail")).isNotBlank();
    for (String name : names) {
      assertThat(body.getString("detail")).contains(name);
    }
    JsonObject limits = new JsonObject(api.get(LIMITS).body());
    assertThat(limits.getInteger("minSocPermille")).isEqualTo(200);
    assertThat(limits.getLong("reserveWh")).isEqualTo(1000);
  }
}
