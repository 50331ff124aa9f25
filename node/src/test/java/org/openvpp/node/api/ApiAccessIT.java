package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.model.NodeStatus;

/**
 * Reads are open on loopback by default; configured to need the token (the default on any other
 * address), every read but health and the document needs it.
 */
class ApiAccessIT {
  @TempDir Path dir;

  @Test
  void readsAreOpenOnLoopbackByDefaultAndClosedOnOtherAddresses() {
    assertThat(ApiConfig.defaults("127.0.0.1", 0, dir).readsNeedToken()).isFalse();
    assertThat(ApiConfig.defaults("localhost", 0, dir).readsNeedToken()).isFalse();
    assertThat(ApiConfig.defaults("::1", 0, dir).readsNeedToken()).isFalse();
    assertThat(ApiConfig.defaults("0.0.0.0", 0, dir).readsNeedToken()).isTrue();
    assertThat(ApiConfig.defaults("192.168.1.10", 0, dir).readsNeedToken()).isTrue();
  }

  @Test
  void whenReadsNeedTheTokenOnlyHealthAndTheDocumentAreOpen() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiConfig config = new ApiConfig("127.0.0.1", 0, dir, ApiConfig.DEFAULT_BODY_LIMIT, true);
      ApiVerticle api =
          new ApiVerticle(
              config,
              ApiSources.of(
                  () ->
                      new NodeStatus(
                          ApiHarness.NODE,
                          1,
                          ApiHarness.SETTLEMENT,
                          "t",
                          0,
                          OptionalLong.empty(),
                          OptionalLong.empty())),
              new NodeEvents(),
              new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String base = "http://127.0.0.1:" + api.port();
      String token = Files.readString(dir.resolve(ApiToken.FILE_NAME)).strip();
      HttpClient http = HttpClient.newHttpClient();
      for (String open : new String[] {"/v1/health", "/v1/openapi.yaml"}) {
        assertThat(get(http, base + open, null).statusCode()).as(open).isEqualTo(200);
      }
      for (String closed :
          new String[] {
            "/v1/status", "/v1/devices", "/v1/rewards/" + ApiHarness.OWNER, "/metrics"
          }) {
        HttpResponse<String> r = get(http, base + closed, null);
        assertThat(r.statusCode()).as(closed).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"unauthorized\"");
        assertThat(get(http, base + closed, "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(get(http, base + closed, token).statusCode()).as(closed).isEqualTo(200);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
