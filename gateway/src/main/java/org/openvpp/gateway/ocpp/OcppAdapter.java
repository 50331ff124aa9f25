package org.openvpp.gateway.ocpp;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openvpp.gateway.adapter.AdapterSink;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.DeviceAdapter;
import org.openvpp.gateway.adapter.FailureCounts;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Measurement;
import org.openvpp.gateway.adapter.Setpoint;
import org.openvpp.gateway.adapter.SetpointResult;

/**
 * The OCPP 1.6J chargers as gateway devices: local id = charge point identity. Readings become
 * measurements with the charger's own import register; a setpoint becomes a charging profile
 * (negative target = charge at that power; OCPP 1.6 cannot discharge, so a positive target pauses
 * charging as far as the departure rule allows); a release clears the gateway's profiles.
 */
public final class OcppAdapter implements DeviceAdapter {
  /** The key unknown charge points are counted under (their identity is attacker-chosen). */
  public static final String UNKNOWN_ID = "(unknown charger)";

  private final OcppSettings settings;
  private final Clock clock;
  private final FailureCounts failures = new FailureCounts();
  private final Map<String, ConnectionState> states = new ConcurrentHashMap<>();
  private Vertx vertx;
  private OcppCentralSystem central;

  public OcppAdapter(OcppSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    settings.chargers().keySet().forEach(id -> states.put(id, ConnectionState.CONNECTING));
  }

  @Override
  public String protocol() {
    return "ocpp";
  }

  @Override
  public Set<String> localIds() {
    return settings.chargers().keySet();
  }

  /** Binds the WebSocket port (waits for it, a few ms) and accepts chargers from then on. */
  @Override
  public void start(AdapterSink sink) {
    vertx = Vertx.vertx();
    Listener listener = new Listener(sink);
    try {
      central =
          OcppCentralSystem.start(vertx, settings, clock, listener)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("OCPP central system did not start", e);
    }
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return central.port();
  }

  public OcppCentralSystem centralSystem() {
    return central;
  }

  @Override
  public CompletionStage<SetpointResult> apply(Setpoint sp) {
    if (central == null || !settings.chargers().containsKey(sp.localId())) {
      failures.count(sp.localId(), FailureReason.UNKNOWN_DEVICE);
      return CompletableFuture.completedFuture(
          SetpointResult.failed(FailureReason.UNKNOWN_DEVICE, sp.localId()));
    }
    if (sp.isRelease()) {
      return central
          .clearChargingLimit(sp.localId())
          .map(status -> released(sp.localId(), status))
          .toCompletionStage();
    }
    long requestedChargeW = Math.max(0, -sp.targetPowerW().getAsLong());
    return central
        .setChargingLimit(sp.localId(), requestedChargeW, clock.millis(), sp.validUntilMs())
        .map(outcome -> result(sp.localId(), outcome))
        .toCompletionStage();
  }

  private SetpointResult released(String id, String status) {
    return status.equals("Accepted") ? SetpointResult.applied(0) : failed(id, status);
  }

  private SetpointResult result(String id, ChargeOutcome o) {
    if (o.accepted()) {
      return SetpointResult.applied(-o.limitW());
    }
    if (o.status().equals("Rejected") || o.status().equals("NotSupported")) {
      failures.count(id, FailureReason.SETPOINT_REJECTED);
      return new SetpointResult(SetpointResult.Status.REJECTED, 0, "charger:" + o.status());
    }
    return failed(id, o.status());
  }

  private SetpointResult failed(String id, String status) {
    FailureReason r =
        switch (status) {
          case "Offline" -> FailureReason.CONNECTION_LOST;
          case "Timeout" -> FailureReason.TIMEOUT;
          default -> FailureReason.MALFORMED;
        };
    failures.count(id, r);
    return SetpointResult.failed(r, status);
  }

  @Override
  public ConnectionState connectionState(String localId) {
    return states.getOrDefault(localId, ConnectionState.FAILED);
  }

  @Override
  public FailureCounts failures() {
    return failures;
  }

  /** Counts of the central system by OCPP reason (finer than {@link #failures()}). */
  public OcppCounters counters() {
    return central.counters();
  }

  @Override
  public void close() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      vertx = null;
    }
  }

  /** Maps the central system's events onto the gateway seam. */
  private final class Listener implements ChargerListener {
    private final AdapterSink sink;

    Listener(AdapterSink sink) {
      this.sink = sink;
    }

    @Override
    public void reading(ChargerReading r) {
      sink.measured(
          new Measurement(
              r.identity(),
              r.timestampMs(),
              java.util.Optional.of(new Measurement.Registers(r.importWh(), r.exportWh())),
              r.powerW(),
              r.socPermille(),
              new Measurement.Envelope(-r.maxChargeW(), -r.floorChargeW())));
    }

    @Override
    public void online(String identity, boolean online) {
      ConnectionState s = online ? ConnectionState.CONNECTED : ConnectionState.DISCONNECTED;
      states.put(identity, s);
      sink.connection(identity, s);
    }

    @Override
    public void refused(String identity, OcppCounters.Reason reason) {
      failures.count(identity, failureOf(reason));
    }
  }

  static FailureReason failureOf(OcppCounters.Reason r) {
    return switch (r) {
      case UNKNOWN_CHARGER -> FailureReason.UNKNOWN_DEVICE;
      case OUT_OF_ORDER, REGISTER_DECREASED, CLOCK_SKEW -> FailureReason.OUT_OF_RANGE;
      case NO_REGISTER -> FailureReason.NOT_IMPLEMENTED;
      case BAD_HANDSHAKE, REPLACED_CONNECTION -> FailureReason.CONNECTION_LOST;
      default -> FailureReason.MALFORMED;
    };
  }
}
