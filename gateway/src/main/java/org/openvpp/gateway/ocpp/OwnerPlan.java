package org.openvpp.gateway.ocpp;

import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * What the EV owner needs: energy by a departure time. From the charger's config (a daily departure
 * time) unless set for the current session through {@link OcppCentralSystem#setOwnerPlan}.
 *
 * @param departureMs UTC ms the EV leaves
 * @param energyWh energy to deliver in this charging session by then, Wh
 */
public record OwnerPlan(long departureMs, long energyWh) {
  /** The next configured departure after {@code nowMs}. */
  static OwnerPlan fromConfig(ChargerSettings c, long nowMs) {
    ZonedDateTime now = Instant.ofEpochMilli(nowMs).atZone(c.zone());
    ZonedDateTime dep = now.with(c.departure());
    if (!dep.isAfter(now)) {
      dep = dep.plusDays(1);
    }
    return new OwnerPlan(dep.toInstant().toEpochMilli(), c.energyWh());
  }
}
