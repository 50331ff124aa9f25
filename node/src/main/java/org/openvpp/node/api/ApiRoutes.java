package org.openvpp.node.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Set;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.model.DeviceView;
import org.openvpp.node.api.model.Listing;
import org.openvpp.node.api.model.OwnerLimits;
import org.openvpp.node.api.rewards.Earning;
import org.openvpp.node.p2p.P2pNetwork;

/**
 * The API's routes (documented in {@code api/openapi.yaml}, which {@code ApiDocumentIT} checks
 * against this router): the token check first, then the body limit, then one handler per route.
 */
final class ApiRoutes {
  /** Paths anyone may read even when reads need the token: health checks and the document. */
  static final Set<String> ALWAYS_OPEN = Set.of("/v1/health", "/v1/openapi.yaml");

  private final Vertx vertx;
  private final ApiConfig config;
  private final ApiSources sources;
  private final NodeEvents events;
  private final ApiToken token;
  private final PrometheusMeterRegistry metrics;
  private final String openApi;
  private final Clock clock;
  private final Router router;

  ApiRoutes(
      Vertx vertx,
      ApiConfig config,
      ApiSources sources,
      NodeEvents events,
      ApiToken token,
      PrometheusMeterRegistry metrics,
      String openApi,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.sources = sources;
    this.events = events;
    this.token = token;
    this.metrics = metrics;
    this.openApi = openApi;
    this.clock = clock;
    this.router = Router.router(vertx);
  }

  Router build() {
    router.route().handler(this::timed).handler(this::authorize);
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));
    get("/v1/health", ctx -> ctx.json(new JsonObject().put("status", "up")));
    get("/v1/openapi.yaml", this::document);
    get("/metrics", this::scrape);
    get("/v1/status", ctx -> reply(ctx, () -> sources.status().status()));
    get("/v1/devices", ctx -> devices(ctx, Params.limit(ctx)));
    get("/v1/devices/:device", this::device);
    get("/v1/devices/:device/limits", this::limits);
    route(HttpMethod.PUT, "/v1/devices/:device/limits", this::putLimits);
    listing("/v1/requests", sources.market().requests());
    listing("/v1/bids", sources.market().bids());
    listing("/v1/awards", sources.market().awards());
    listing("/v1/dispatches", sources.market().dispatches());
    listing("/v1/submissions", sources.market().submissions());
    listing("/v1/attestations", sources.market().attestations());
    get("/v1/earnings", ctx -> reply(ctx, () -> sources.rewards().earnings()));
    get("/v1/earnings/:owner", this::earning);
    get("/v1/rewards/:owner", this::rewards);
    get("/v1/peers", ctx -> reply(ctx, this::peers));
    get("/v1/events", new EventStream(vertx, events)::handle);
    router.route().failureHandler(ApiErrors::handle);
    for (int status : new int[] {400, 404, 405, 413, 500}) {
      router.errorHandler(status, ApiErrors::handle);
    }
    return router;
  }

  private void get(String path, Handler<RoutingContext> handler) {
    route(HttpMethod.GET, path, handler);
  }

  private void route(HttpMethod method, String path, Handler<RoutingContext> handler) {
    router
        .route(method, path)
        .handler(
            ctx -> {
              ctx.put("route", path);
              handler.handle(ctx);
            });
  }

  private void listing(String path, Listing<?> listing) {
    get(path, ctx -> reply(ctx, () -> listing.newest(Params.limit(ctx))));
  }

  private void reply(RoutingContext ctx, java.util.concurrent.Callable<Object> work) {
    Replies.json(vertx, ctx, work);
  }

  /** Writes always need the token; reads too unless the API is on loopback (ApiConfig). */
  private void authorize(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    boolean write = !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
    boolean needed =
        write || (config.readsNeedToken() && !ALWAYS_OPEN.contains(ctx.normalizedPath()));
    if (needed && !token.accepts(ctx.request().getHeader("Authorization"))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vpp-node\"");
      String what = write ? "writes need" : "reads on this address need";
      throw new ApiException(
          401,
          "unauthorized",
          what
              + " 'Authorization: Bearer TOKEN' with the token in the node's data directory"
              + " (file "
              + ApiToken.FILE_NAME
              + ")");
    }
    ctx.next();
  }

  private void timed(RoutingContext ctx) {
    Timer.Sample sample = Timer.start(metrics);
    ctx.addBodyEndHandler(
        v ->
            sample.stop(
                Timer.builder("vpp.api.requests")
                    .description("HTTP API requests by route and status")
                    .tag("method", ctx.request().method().name())
                    .tag("route", ctx.get("route", "unmatched"))
                    .tag("status", Integer.toString(ctx.response().getStatusCode()))
                    .register((MeterRegistry) metrics)));
    ctx.next();
  }

  private void document(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi);
  }

  private void scrape(RoutingContext ctx) {
    vertx
        .executeBlocking(() -> metrics.scrape(), false)
        .onSuccess(
            text ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(text))
        .onFailure(ctx::fail);
  }

  private void devices(RoutingContext ctx, int limit) {
    reply(
        ctx,
        () ->
            sources.devices().devices().stream()
                .limit(limit)
                .map(d -> (Object) withLimits(d))
                .toList());
  }

  private void device(RoutingContext ctx) {
    String device = Params.address(ctx, "device");
    reply(ctx, () -> withLimits(known(device)));
  }

  private void limits(RoutingContext ctx) {
    String device = Params.address(ctx, "device");
    reply(
        ctx,
        () -> {
          known(device);
          return sources.limits().get(device).orElse(OwnerLimits.NONE);
        });
  }

  private void putLimits(RoutingContext ctx) {
    String device = Params.address(ctx, "device");
    OwnerLimits limits = LimitsBody.parse(ctx, clock.millis());
    reply(
        ctx,
        () -> {
          known(device);
          sources.limits().put(device, limits);
          events.publish(
              "limits", new JsonObject().put("device", device).put("limits", limits.toJson()));
          return limits;
        });
  }

  private DeviceView known(String device) {
    return sources
        .devices()
        .device(device)
        .orElseThrow(() -> ApiException.notFound("the node manages no device " + device));
  }

  private JsonObject withLimits(DeviceView d) {
    return d.toJson()
        .put("ownerLimits", sources.limits().get(d.device()).orElse(OwnerLimits.NONE).toJson());
  }

  private void earning(RoutingContext ctx) {
    String owner = Params.address(ctx, "owner");
    reply(
        ctx,
        () ->
            sources.rewards().earnings().stream()
                .filter(e -> e.owner().equals(owner))
                .findFirst()
                .orElse(new Earning(owner, java.math.BigInteger.ZERO, java.math.BigInteger.ZERO)));
  }

  /** Exactly what wallet-cli's NodeApi parses: an array of claim-proof objects, maybe empty. */
  private void rewards(RoutingContext ctx) {
    String owner = Params.address(ctx, "owner");
    reply(ctx, () -> sources.rewards().claimsOf(owner));
  }

  private JsonObject peers() {
    JsonArray connected = new JsonArray();
    if (sources.p2p().isEmpty()) {
      return new JsonObject()
          .put("peerId", null)
          .put("listenAddress", null)
          .put("connected", connected);
    }
    P2pNetwork p2p = sources.p2p().get();
    p2p.connectedPeers().stream()
        .map(Object::toString)
        .sorted()
        .forEach(id -> connected.add(new JsonObject().put("peerId", id)));
    return new JsonObject()
        .put("peerId", p2p.peerId().toString())
        .put("listenAddress", p2p.listenAddress().toString())
        .put("connected", connected);
  }
}
