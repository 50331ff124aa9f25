package org.openvpp.gateway.ocpp;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * Answers the requests a charge point sends (OCPP 1.6 §4). Every request is validated field by
 * field; a violation is thrown as {@link OcppViolation} and answered with a CALLERROR by the
 * session.
 */
final class ChargePointRequests {
  /** Requests only a central system sends: a charge point sending one gets NotSupported. */
  private static final Set<String> CENTRAL_SYSTEM_ACTIONS =
      Set.of(
          "CancelReservation",
          "ChangeAvailability",
          "ChangeConfiguration",
          "ClearCache",
          "ClearChargingProfile",
          "GetCompositeSchedule",
          "GetConfiguration",
          "GetDiagnostics",
          "GetLocalListVersion",
          "RemoteStartTransaction",
          "RemoteStopTransaction",
          "ReserveNow",
          "Reset",
          "SendLocalList",
          "SetChargingProfile",
          "TriggerMessage",
          "UnlockConnector",
          "UpdateFirmware");

  private static final Set<String> STATUSES =
      Set.of(
          "Available",
          "Preparing",
          "Charging",
          "SuspendedEVSE",
          "SuspendedEV",
          "Finishing",
          "Reserved",
          "Unavailable",
          "Faulted");

  private final ChargerSession session;

  ChargePointRequests(ChargerSession session) {
    this.session = session;
  }

  JsonObject answer(OcppFrame.Call call) {
    String action = call.action();
    Payload p = new Payload(call.payload(), action);
    if (!session.booted() && !action.equals("BootNotification")) {
      throw new OcppViolation(
          OcppError.SECURITY_ERROR, "send BootNotification and have it accepted first");
    }
    return switch (action) {
      case "BootNotification" -> boot(p);
      case "Heartbeat" -> now();
      case "StatusNotification" -> status(p);
      case "MeterValues" -> meterValues(p);
      case "Authorize" -> authorized(p);
      case "StartTransaction" -> startTransaction(p);
      case "StopTransaction" -> stopTransaction(p);
      case "DataTransfer" -> dataTransfer(p);
      case "DiagnosticsStatusNotification", "FirmwareStatusNotification" -> {
        p.string("status", 32);
        yield new JsonObject();
      }
      default ->
          throw new OcppViolation(
              CENTRAL_SYSTEM_ACTIONS.contains(action)
                  ? OcppError.NOT_SUPPORTED
                  : OcppError.NOT_IMPLEMENTED,
              "action " + action + " is not handled by this central system");
    };
  }

  private JsonObject boot(Payload p) {
    p.string("chargePointVendor", 20);
    p.string("chargePointModel", 20);
    session.booted(true);
    return now().put("status", "Accepted").put("interval", session.settings().heartbeatIntervalS());
  }

  private JsonObject now() {
    return new JsonObject().put("currentTime", Instant.ofEpochMilli(session.nowMs()).toString());
  }

  private JsonObject status(Payload p) {
    long connector = connector(p);
    p.string("errorCode", 32);
    String status = p.string("status", 16);
    if (!STATUSES.contains(status)) {
      throw new OcppViolation(
          OcppError.PROPERTY_CONSTRAINT_VIOLATION, "unknown connector status " + status);
    }
    session.connectorStatus((int) connector, status);
    return new JsonObject();
  }

  private JsonObject meterValues(Payload p) {
    long connector = connector(p);
    p.optInteger("transactionId");
    session.meterValues(
        (int) connector, MeterValuesReader.read(p.array("meterValue"), "MeterValues"));
    return new JsonObject();
  }

  private static JsonObject authorized(Payload p) {
    // The owner's charger keeps its own authorization; the gateway only adds smart charging.
    p.string("idTag", 20);
    return new JsonObject().put("idTagInfo", new JsonObject().put("status", "Accepted"));
  }

  private JsonObject startTransaction(Payload p) {
    long connector = connector(p);
    p.string("idTag", 20);
    long meterStart = p.integer("meterStart");
    p.time("timestamp");
    if (connector == 0 || meterStart < 0) {
      throw new OcppViolation(
          OcppError.PROPERTY_CONSTRAINT_VIOLATION, "connectorId ≥ 1 and meterStart ≥ 0 required");
    }
    int id = session.startTransaction((int) connector, meterStart);
    return new JsonObject()
        .put("transactionId", id)
        .put("idTagInfo", new JsonObject().put("status", "Accepted"));
  }

  private JsonObject stopTransaction(Payload p) {
    long meterStop = p.integer("meterStop");
    p.time("timestamp");
    long id = p.integer("transactionId");
    if (meterStop < 0) {
      throw new OcppViolation(OcppError.PROPERTY_CONSTRAINT_VIOLATION, "meterStop < 0");
    }
    session.stopTransaction(id);
    return new JsonObject();
  }

  private static JsonObject dataTransfer(Payload p) {
    p.string("vendorId", 255);
    return new JsonObject().put("status", "UnknownVendorId");
  }

  private static long connector(Payload p) {
    long c = p.integer("connectorId");
    if (c < 0 || c > 64) {
      throw new OcppViolation(OcppError.PROPERTY_CONSTRAINT_VIOLATION, "connectorId out of range");
    }
    return c;
  }
}
