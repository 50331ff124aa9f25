package org.openvpp.gateway.ocpp;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCPP 1.6J central system (docs/devices.md, section OCPP; ADR 0018): a WebSocket server on
 * Vert.x that accepts only configured chargers offering the {@code ocpp1.6} subprotocol, turns
 * their meter values into readings and sends them charging profiles for dispatches.
 */
public final class OcppCentralSystem implements AutoCloseable {
  public static final String SUBPROTOCOL = "ocpp1.6";
  private static final Logger LOG = LoggerFactory.getLogger(OcppCentralSystem.class);

  private final Vertx vertx;
  private final OcppSettings settings;
  private final Clock clock;
  private final ChargerListener listener;
  private final OcppCounters counters = new OcppCounters();
  private final Map<String, ChargerSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger transactionIds = new AtomicInteger();
  private HttpServer server;

  private OcppCentralSystem(
      Vertx vertx, OcppSettings settings, Clock clock, ChargerListener listener) {
    this.vertx = vertx;
    this.settings = settings;
    this.clock = clock;
    this.listener = listener;
  }

  /** Starts listening; the future completes once the port is bound. */
  public static Future<OcppCentralSystem> start(
      Vertx vertx, OcppSettings settings, Clock clock, ChargerListener listener) {
    OcppCentralSystem cs = new OcppCentralSystem(vertx, settings, clock, listener);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.host())
            .setPort(settings.port())
            .setWebSocketSubProtocols(List.of(SUBPROTOCOL))
            .setMaxWebSocketFrameSize(settings.maxFrameBytes())
            .setMaxWebSocketMessageSize(settings.maxFrameBytes())
            // A compressed frame would pass the frame-size check small and inflate past it:
            // OCPP messages are small, so no compression, and every frame's size is checked first.
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false);
    cs.server =
        vertx
            .createHttpServer(options)
            .webSocketHandshakeHandler(cs::onHandshake)
            .webSocketHandler(cs::onConnect);
    cs.server.requestHandler(req -> req.response().setStatusCode(404).end());
    return cs.server.listen().map(s -> cs);
  }

  public int port() {
    return server.actualPort();
  }

  public OcppCounters counters() {
    return counters;
  }

  public boolean connected(String identity) {
    return sessions.containsKey(identity);
  }

  /** The last StatusNotification status of a connector, "Unknown" before one. */
  public Optional<String> connectorStatus(String identity, int connector) {
    return Optional.ofNullable(sessions.get(identity)).map(s -> s.connectorStatus(connector));
  }

  /**
   * Refuses before the upgrade what must never send a frame: a wrong path, a client that does not
   * offer ocpp1.6, an identity that is not configured (HTTP 404, as OCPP-J 1.6 §3.1.1 suggests).
   */
  private void onHandshake(ServerWebSocketHandshake hs) {
    Optional<String> identity = identity(hs.path());
    String offered = Optional.ofNullable(hs.headers().get("Sec-WebSocket-Protocol")).orElse("");
    boolean ocpp16 =
        java.util.Arrays.stream(offered.split(",")).map(String::trim).anyMatch(SUBPROTOCOL::equals);
    if (identity.isEmpty() || !ocpp16) {
      counters.count(OcppCounters.Reason.BAD_HANDSHAKE);
      hs.reject(400);
    } else if (settings.charger(identity.get()).isEmpty()) {
      counters.count(OcppCounters.Reason.UNKNOWN_CHARGER);
      LOG.warn("refused unknown charge point {}", identity.get());
      hs.reject(404);
    } else {
      hs.accept();
    }
  }

  private Optional<String> identity(String path) {
    String prefix = settings.path() + "/";
    if (path == null || !path.startsWith(prefix)) {
      return Optional.empty();
    }
    String id = path.substring(prefix.length());
    return ChargerSettings.validIdentity(id) ? Optional.of(id) : Optional.empty();
  }

  private void onConnect(ServerWebSocket ws) {
    String identity = identity(ws.path()).orElseThrow();
    Optional<ChargerSettings> charger = settings.charger(identity);
    ChargerSession session =
        new ChargerSession(
            vertx, ws, settings, charger.orElseThrow(), clock, listener, counters, transactionIds);
    ChargerSession previous = sessions.put(identity, session);
    if (previous != null) {
      counters.count(OcppCounters.Reason.REPLACED_CONNECTION);
      previous.kick();
    }
    ws.textMessageHandler(session::onText);
    ws.binaryMessageHandler(
        b -> {
          counters.count(OcppCounters.Reason.BINARY_FRAME);
          ws.close((short) 1003, "OCPP-J is text only");
        });
    ws.exceptionHandler(e -> onBrokenFrame(ws, identity, e));
    ws.closeHandler(
        v -> {
          session.close();
          if (sessions.remove(identity, session)) {
            listener.online(identity, false);
          }
        });
    listener.online(identity, true);
  }

  /**
   * A frame the WebSocket layer could not take: too large (status 1009) or not a valid WebSocket
   * frame (1002). Netty reports it without closing, so the connection is closed here, with the
   * status the frame earned.
   */
  private void onBrokenFrame(ServerWebSocket ws, String identity, Throwable e) {
    LOG.debug("charge point {}: {}", identity, e.toString());
    if (ws.isClosed()) {
      return;
    }
    short status = 1011;
    if (e instanceof CorruptedWebSocketFrameException c) {
      status = (short) c.closeStatus().code();
    } else if (e instanceof IllegalStateException
        && String.valueOf(e.getMessage()).contains("max message size")) {
      // Vert.x's own check of a message sent in fragments that together pass the limit.
      status = 1009;
    }
    counters.count(
        status == 1009 ? OcppCounters.Reason.OVERSIZE_FRAME : OcppCounters.Reason.MALFORMED_FRAME);
    ws.close(status, status == 1009 ? "frame too large" : "broken frame");
  }

  /**
   * Asks a charger to charge at {@code requestedChargeW} (W, ≥ 0; 0 pauses) from {@code fromMs}
   * until {@code untilMs}, raised as far as the departure rule requires. Completes with the
   * charger's answer, "Offline" when it is not connected.
   */
  public Future<ChargeOutcome> setChargingLimit(
      String identity, long requestedChargeW, long fromMs, long untilMs) {
    ChargerSession s = sessions.get(identity);
    if (s == null) {
      return Future.succeededFuture(
          new ChargeOutcome("Offline", requestedChargeW, 0, false, "none"));
    }
    return runOn(s, () -> s.dispatch(requestedChargeW, fromMs, untilMs));
  }

  /** Clears the gateway's charging profiles: the charger returns to its owner's behaviour. */
  public Future<String> clearChargingLimit(String identity) {
    ChargerSession s = sessions.get(identity);
    return s == null ? Future.succeededFuture("Offline") : runOn(s, s::clearProfiles);
  }

  /** Sets the owner's departure and energy for the charger's current session. */
  public void setOwnerPlan(String identity, OwnerPlan plan) {
    Optional.ofNullable(sessions.get(identity))
        .ifPresent(s -> s.context().runOnContext(v -> s.ownerPlan(plan)));
  }

  private <T> Future<T> runOn(ChargerSession s, java.util.function.Supplier<Future<T>> work) {
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    s.context().runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
  }
}
