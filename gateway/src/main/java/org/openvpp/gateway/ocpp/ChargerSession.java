package org.openvpp.gateway.ocpp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected charger: reads its frames, answers its requests, sends it requests and matches
 * their answers. Runs on the connection's event loop only, so its state needs no locks.
 */
final class ChargerSession {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ChargerSession.class);
  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final OcppSettings settings;
  private final ChargerSettings charger;
  private final Clock clock;
  private final ChargerListener listener;
  private final OcppCounters counters;
  private final AtomicInteger transactionIds;
  private final ChargePointRequests requests = new ChargePointRequests(this);
  private final MeterState meter;
  private final Context context = Vertx.currentContext();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<Integer, String> connectorStatus = new HashMap<>();
  private boolean booted;
  private OptionalLong transactionId = OptionalLong.empty();
  private int transactionConnector = 1;
  private OwnerPlan plan;

  /** The window over which the reported envelope's floor is computed. */
  static final long ENVELOPE_WINDOW_MS = 15 * 60_000;

  private static final java.util.Set<String> EV_PRESENT =
      java.util.Set.of("Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing");

  private record Pending(Promise<JsonObject> promise, long timer) {}

  ChargerSession(
      Vertx vertx,
      ServerWebSocket ws,
      OcppSettings settings,
      ChargerSettings charger,
      Clock clock,
      ChargerListener listener,
      OcppCounters counters,
      AtomicInteger transactionIds) {
    this.vertx = vertx;
    this.ws = ws;
    this.settings = settings;
    this.charger = charger;
    this.clock = clock;
    this.listener = listener;
    this.counters = counters;
    this.transactionIds = transactionIds;
    this.meter = new MeterState(charger, settings.maxClockSkewMs());
  }

  void onText(String text) {
    OcppFrames.Parsed parsed = OcppFrames.parse(text);
    if (parsed instanceof OcppFrames.Parsed.Ok ok) {
      onFrame(ok.frame());
    } else if (parsed instanceof OcppFrames.Parsed.Bad bad) {
      if (bad.answerable()) {
        refuse(OcppCounters.Reason.MALFORMED_FRAME);
        counters.refused(bad.answer().code());
        ws.writeTextMessage(bad.answer().encode());
      } else {
        refuse(OcppCounters.Reason.STRAY_ANSWER);
      }
    }
  }

  private void onFrame(OcppFrame frame) {
    if (frame instanceof OcppFrame.Call call) {
      answer(call);
    } else if (frame instanceof OcppFrame.CallResult r) {
      settle(r.uniqueId(), Future.succeededFuture(r.payload()));
    } else if (frame instanceof OcppFrame.CallError e) {
      settle(e.uniqueId(), Future.failedFuture(new OcppViolation(e.code(), e.description())));
    }
  }

  private void answer(OcppFrame.Call call) {
    OcppFrame reply;
    try {
      reply = new OcppFrame.CallResult(call.uniqueId(), requests.answer(call));
    } catch (OcppViolation v) {
      counters.refused(v.code());
      listener.refused(charger.identity(), OcppCounters.Reason.CALL_REFUSED);
      reply = OcppFrame.CallError.of(call.uniqueId(), v.code(), v.getMessage());
    } catch (RuntimeException e) {
      // A bug of ours must not take the connection down: the peer gets InternalError.
      counters.refused(OcppError.INTERNAL_ERROR);
      reply = OcppFrame.CallError.of(call.uniqueId(), OcppError.INTERNAL_ERROR, "internal error");
    }
    ws.writeTextMessage(reply.encode());
    if (call.action().equals("BootNotification") && reply instanceof OcppFrame.CallResult) {
      configureMetering();
    }
  }

  /**
   * Asks a freshly booted charger for meter values every {@code meterIntervalS} with the measurands
   * the gateway maps: many chargers send none during a transaction by default, and the device
   * protocol wants a reading at least every minute. A charger that refuses keeps its own
   * configuration (counted as nothing: its readings simply come less often).
   */
  private void configureMetering() {
    if (settings.meterIntervalS() == 0) {
      return;
    }
    change("MeterValueSampleInterval", String.valueOf(settings.meterIntervalS()))
        .compose(
            s ->
                change(
                    "MeterValuesSampledData",
                    String.join(
                        ",",
                        MeterValuesReader.IMPORT_REGISTER,
                        MeterValuesReader.IMPORT_POWER,
                        MeterValuesReader.SOC)))
        .onFailure(
            e -> LOG.debug("charger {}: metering not configured: {}", charger.identity(), e));
  }

  private Future<String> change(String key, String value) {
    return call("ChangeConfiguration", new JsonObject().put("key", key).put("value", value))
        .map(r -> String.valueOf(r.getValue("status")));
  }

  private void settle(String id, Future<JsonObject> outcome) {
    Pending p = pending.remove(id);
    if (p == null) {
      refuse(OcppCounters.Reason.STRAY_ANSWER);
      return;
    }
    vertx.cancelTimer(p.timer());
    if (outcome.succeeded()) {
      p.promise().complete(outcome.result());
    } else {
      p.promise().fail(outcome.cause());
    }
  }

  /** Sends a request to the charger; fails on CALLERROR, timeout or disconnect. */
  Future<JsonObject> call(String action, JsonObject payload) {
    String id = UUID.randomUUID().toString();
    Promise<JsonObject> promise = Promise.promise();
    long timer =
        vertx.setTimer(
            settings.callTimeoutMs(),
            t -> {
              Pending p = pending.remove(id);
              if (p != null) {
                p.promise().fail(new OcppViolation(OcppError.GENERIC_ERROR, "Timeout"));
              }
            });
    pending.put(id, new Pending(promise, timer));
    ws.writeTextMessage(new OcppFrame.Call(id, action, payload).encode());
    return promise.future();
  }

  /** Sends the charging profile a dispatch asks for, after the departure rule. */
  Future<ChargeOutcome> dispatch(long requestedChargeW, long fromMs, long untilMs) {
    DepartureRule.Limit limit = departureLimit(requestedChargeW, fromMs, untilMs);
    ChargingProfiles.RateLimit rate = ChargingProfiles.inUnit(charger, limit.watts());
    String purpose = transactionId.isPresent() ? "TxProfile" : "TxDefaultProfile";
    int connector = transactionId.isPresent() ? transactionConnector : 0;
    JsonObject req =
        ChargingProfiles.request(
            charger, connector, transactionId, settings.stackLevel(), rate, fromMs, untilMs);
    return call("SetChargingProfile", req)
        .map(r -> String.valueOf(r.getValue("status")))
        .otherwise(ChargerSession::failureStatus)
        .map(
            status ->
                new ChargeOutcome(
                    status, requestedChargeW, rate.watts(), limit.raisedForDeparture(), purpose));
  }

  /** "Timeout" or "Offline" for a call that got no answer, "CallError" for a CALLERROR. */
  private static String failureStatus(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.equals("Timeout") || m.equals("Offline") ? m : "CallError";
  }

  private DepartureRule.Limit departureLimit(long requestedChargeW, long fromMs, long untilMs) {
    long now = nowMs();
    OwnerPlan owner = plan != null ? plan : OwnerPlan.fromConfig(charger, now);
    double needed = Math.max(0, owner.energyWh() - meter.deliveredWh());
    return DepartureRule.limit(
        requestedChargeW,
        charger.maxPowerW(),
        needed,
        Math.max(now, fromMs),
        untilMs,
        owner.departureMs());
  }

  /** Clears the profiles this gateway set: the charger returns to its owner's behaviour. */
  Future<String> clearProfiles() {
    return clear(ChargingProfiles.TX_PROFILE_ID)
        .compose(a -> clear(ChargingProfiles.TX_DEFAULT_PROFILE_ID))
        .map("Accepted")
        .otherwise(e -> e.getMessage());
  }

  private Future<String> clear(int id) {
    return call("ClearChargingProfile", new JsonObject().put("id", id))
        .map(r -> String.valueOf(r.getValue("status")));
  }

  void meterValues(int connector, List<MeterSample> samples) {
    long now = nowMs();
    for (MeterSample s : samples) {
      MeterState.Result r = meter.accept(s, now);
      r.refused().ifPresent(this::refuse);
      r.reading().map(this::withEnvelope).ifPresent(this::deliver);
    }
  }

  private void deliver(ChargerReading reading) {
    counters.reading();
    listener.reading(reading);
  }

  /**
   * Adds what a dispatch may ask now: charging is possible while an EV is at the connector, and the
   * departure rule sets how far a quarter-hour dispatch could lower it.
   */
  private ChargerReading withEnvelope(ChargerReading r) {
    if (!evPresent()) {
      return r;
    }
    long now = nowMs();
    long floor = departureLimit(0, now, now + ENVELOPE_WINDOW_MS).watts();
    return new ChargerReading(
        r.identity(),
        r.timestampMs(),
        r.importWh(),
        r.exportWh(),
        r.powerW(),
        r.socPermille(),
        floor,
        charger.maxPowerW());
  }

  private boolean evPresent() {
    return transactionId.isPresent()
        || connectorStatus.values().stream().anyMatch(EV_PRESENT::contains);
  }

  private void refuse(OcppCounters.Reason r) {
    counters.count(r);
    listener.refused(charger.identity(), r);
  }

  int startTransaction(int connector, long meterStartWh) {
    int id = transactionIds.incrementAndGet();
    transactionId = OptionalLong.of(id);
    transactionConnector = connector;
    meter.startSession(meterStartWh);
    return id;
  }

  void stopTransaction(long id) {
    if (transactionId.isPresent() && transactionId.getAsLong() == id) {
      transactionId = OptionalLong.empty();
      plan = null;
    }
  }

  void close() {
    pending
        .values()
        .forEach(
            p -> {
              vertx.cancelTimer(p.timer());
              p.promise().tryFail(new OcppViolation(OcppError.GENERIC_ERROR, "Offline"));
            });
    pending.clear();
  }

  /** The connection's event-loop context: the only thread that touches this session. */
  Context context() {
    return context;
  }

  void kick() {
    ws.close((short) 1000, "replaced by a newer connection");
  }

  void ownerPlan(OwnerPlan p) {
    this.plan = p;
  }

  void connectorStatus(int connector, String status) {
    connectorStatus.put(connector, status);
  }

  String connectorStatus(int connector) {
    return connectorStatus.getOrDefault(connector, "Unknown");
  }

  boolean booted() {
    return booted;
  }

  void booted(boolean b) {
    booted = b;
  }

  OcppSettings settings() {
    return settings;
  }

  ChargerSettings charger() {
    return charger;
  }

  long nowMs() {
    return clock.millis();
  }
}
