package org.openvpp.node.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.openvpp.node.api.events.DeviceChanges;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.events.RewardChanges;
import org.openvpp.node.api.metrics.ApiMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API (Vert.x Web), described by {@code api/openapi.yaml} which it serves at {@code
 * /v1/openapi.yaml}. Reads come from {@link ApiSources} on worker threads; changes stream out of
 * {@link NodeEvents} over Server-Sent Events; {@code /metrics} is the Prometheus text of the given
 * registry (bind the bridge's and p2p's meters to it: {@code metrics.BridgeMeters}, {@code
 * metrics.P2pMeters}). The bearer token is created in the data directory on first start
 * (constructor time, off the event loop).
 */
public final class ApiVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
  static final String DOCUMENT = "api/openapi.yaml";
  static final long CHANGE_POLL_MS = 1_000;

  private final ApiConfig config;
  private final ApiSources sources;
  private final NodeEvents events;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;
  private final ApiToken token;
  private final String openApi;
  private HttpServer server;
  private Router router;
  private long changePoll = -1;

  public ApiVerticle(
      ApiConfig config, ApiSources sources, NodeEvents events, PrometheusMeterRegistry metrics) {
    this(config, sources, events, metrics, Clock.systemUTC());
  }

  public ApiVerticle(
      ApiConfig config,
      ApiSources sources,
      NodeEvents events,
      PrometheusMeterRegistry metrics,
      Clock clock) {
    this.config = config;
    this.sources = sources;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.token = ApiToken.loadOrCreate(config.dataDir());
    this.openApi = document();
  }

  /** The OpenAPI 3 document the node serves. */
  public static String document() {
    try (InputStream in = ApiVerticle.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void start(Promise<Void> started) {
    ApiMeters.register(metrics, events);
    router = new ApiRoutes(vertx, config, sources, events, token, metrics, openApi, clock).build();
    DeviceChanges devices = new DeviceChanges(sources.devices(), events);
    RewardChanges rewards = new RewardChanges(sources.rewards(), events);
    // Only while someone listens: the sources may be databases.
    changePoll =
        vertx.setPeriodic(
            CHANGE_POLL_MS,
            id -> {
              if (events.subscribers() > 0) {
                vertx.executeBlocking(devices::poll, false);
                vertx.executeBlocking(rewards::poll, false);
              }
            });
    vertx
        .createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(router)
        .listen()
        .onSuccess(
            s -> {
              server = s;
              LOG.info(
                  "HTTP API on http://{}:{}/v1 (reads {}; writes need the token)",
                  config.host(),
                  s.actualPort(),
                  config.readsNeedToken() ? "need the token" : "open on loopback");
              started.complete();
            })
        .onFailure(
            e ->
                started.fail(
                    new IllegalStateException(
                        "the HTTP API cannot listen on "
                            + config.host()
                            + ":"
                            + config.port()
                            + " ("
                            + e.getMessage()
                            + "): set api.port to a free port",
                        e)));
  }

  @Override
  public void stop(Promise<Void> stopped) {
    vertx.cancelTimer(changePoll);
    if (server == null) {
      stopped.complete();
      return;
    }
    server.close().onComplete(ar -> stopped.complete());
  }

  /** The router, for the test that holds it against the OpenAPI document. */
  Router router() {
    return router;
  }

  /** The port listened on (the chosen one when the config says 0); after start. */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("the API is not started");
    }
    return server.actualPort();
  }
}
