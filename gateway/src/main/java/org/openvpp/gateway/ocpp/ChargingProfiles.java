package org.openvpp.gateway.ocpp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Builds SetChargingProfile requests (OCPP 1.6 §5.16, §3.13): one absolute schedule with a single
 * period over the dispatch window. With a running transaction it is a TxProfile for that
 * transaction, otherwise a TxDefaultProfile (it then applies to the next session). The profile
 * carries validTo = the window's end, so the charger returns to its own behaviour afterwards, as
 * the device protocol requires when a command expires. Fixed profile ids per purpose make a new
 * profile replace the previous one instead of stacking up.
 */
final class ChargingProfiles {
  static final int TX_PROFILE_ID = 9_001;
  static final int TX_DEFAULT_PROFILE_ID = 9_002;

  private ChargingProfiles() {}

  /** A limit in the charger's unit: the value sent and the watts it amounts to. */
  record RateLimit(ChargerSettings.RateUnit unit, double value, long watts) {}

  /**
   * Converts watts to the charger's unit. Amperes are rounded up (to 0.1 A) and a current between 0
   * and the minimum an EV accepts is raised to that minimum, so a conversion never lowers the limit
   * below what the departure rule asked for.
   */
  static RateLimit inUnit(ChargerSettings c, long watts) {
    if (c.rateUnit() == ChargerSettings.RateUnit.W) {
      return new RateLimit(c.rateUnit(), watts, watts);
    }
    double amps = Math.ceil(watts * 10.0 / c.wattsPerAmp()) / 10.0;
    if (amps > 0 && amps < c.minCurrentA()) {
      amps = c.minCurrentA();
    }
    return new RateLimit(c.rateUnit(), amps, Math.round(amps * c.wattsPerAmp()));
  }

  static JsonObject request(
      ChargerSettings c,
      int connectorId,
      OptionalLong transactionId,
      int stackLevel,
      RateLimit limit,
      long fromMs,
      long untilMs) {
    JsonObject profile =
        new JsonObject()
            .put(
                "chargingProfileId",
                transactionId.isPresent() ? TX_PROFILE_ID : TX_DEFAULT_PROFILE_ID)
            .put("stackLevel", stackLevel)
            .put(
                "chargingProfilePurpose",
                transactionId.isPresent() ? "TxProfile" : "TxDefaultProfile")
            .put("chargingProfileKind", "Absolute")
            .put("validFrom", Instant.ofEpochMilli(fromMs).toString())
            .put("validTo", Instant.ofEpochMilli(untilMs).toString())
            .put(
                "chargingSchedule",
                new JsonObject()
                    .put("duration", (int) Math.max(1, (untilMs - fromMs + 999) / 1000))
                    .put("startSchedule", Instant.ofEpochMilli(fromMs).toString())
                    .put("chargingRateUnit", limit.unit().name())
                    .put(
                        "chargingSchedulePeriod",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("startPeriod", 0)
                                    .put("limit", limit.value())
                                    .put("numberPhases", c.phases()))));
    transactionId.ifPresent(id -> profile.put("transactionId", id));
    return new JsonObject().put("connectorId", connectorId).put("csChargingProfiles", profile);
  }
}
