package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document and the router agree: every route the router serves is documented, and every
 * documented operation, called with the document's own examples, answers with one of the status
 * codes the document lists for it (never 404 or 405). The node serves the same document.
 */
class ApiDocumentIT {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @TempDir Path dir;
  private ApiHarness api;
  private JsonNode doc;

  @BeforeEach
  void start() throws Exception {
    api = new ApiHarness(dir);
    doc = new YAMLMapper().readTree(ApiVerticle.document());
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  @Test
  void everyRouteOfTheRouterIsDocumentedAndEveryDocumentedOperationExists() {
    Set<String> routed = new TreeSet<>();
    for (Route r : api.api.router().getRoutes()) {
      if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) {
        continue; // the handlers every request passes: token check, body limit, failures
      }
      for (HttpMethod m : r.methods()) {
        routed.add(m.name() + " " + r.getPath().replaceAll(":([A-Za-z]+)", "{$1}"));
      }
    }
    Set<String> documented = new TreeSet<>();
    operations().forEach(o -> documented.add(o.method().toUpperCase(Locale.ROOT) + " " + o.path()));
    assertThat(routed).isNotEmpty().isEqualTo(documented);
  }

  @Test
  void everyDocumentedOperationAnswersWithADocumentedStatus() throws Exception {
    List<String> answered = new ArrayList<>();
    for (Operation o : operations()) {
      int status = call(o);
      Set<String> listed = new TreeSet<>();
      o.node().path("responses").fieldNames().forEachRemaining(listed::add);
      assertThat(status)
          .as(o.method() + " " + o.path() + " answered " + status + ", documented " + listed)
          .isNotIn(404, 405);
      assertThat(listed).as(o.method() + " " + o.path()).contains(Integer.toString(status));
      answered.add(o.method() + " " + o.path() + " " + status);
    }
    assertThat(answered).hasSize(19);
  }

  @Test
  void theNodeServesItsOwnDocument() throws Exception {
    HttpResponse<String> r = api.get("/v1/openapi.yaml");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("yaml"));
    assertThat(r.body()).isEqualTo(ApiVerticle.document());
    assertThat(new YAMLMapper().readTree(r.body()).path("openapi").asText()).startsWith("3.");
  }

  private record Operation(String path, String method, JsonNode node) {}

  private List<Operation> operations() {
    List<Operation> ops = new ArrayList<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        m -> {
                          if (METHODS.contains(m.getKey())) {
                            ops.add(new Operation(p.getKey(), m.getKey(), m.getValue()));
                          }
                        }));
    return ops;
  }

  /** Calls the operation with the document's examples (and the token for writes). */
  private int call(Operation o) throws Exception {
    String path = o.path();
    for (JsonNode p : o.node().path("parameters")) {
      JsonNode param = resolve(p);
      if ("path".equals(param.path("in").asText())) {
        String example = param.path("example").asText();
        assertThat(example).as("example of " + param.path("name") + " in " + o.path()).isNotEmpty();
        path = path.replace("{" + param.path("name").asText() + "}", example);
      }
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(15));
    JsonNode body = o.node().path("requestBody").path("content").path("application/json");
    if (!body.isMissingNode()) {
      assertThat(body.path("example").isObject()).as("example body of " + o.path()).isTrue();
      b.header("Content-Type", "application/json");
      b.method(
          o.method().toUpperCase(Locale.ROOT),
          HttpRequest.BodyPublishers.ofString(body.path("example").toString()));
      b.header("Authorization", "Bearer " + api.token());
    } else {
      b.method(o.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody());
    }
    // An event stream never ends: the status line is all this test needs of any answer.
    HttpResponse<InputStream> r =
        api.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    r.body().close();
    return r.statusCode();
  }

  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (ref.isEmpty()) {
      return node;
    }
    return doc.at(ref.substring(1));
  }
}
