package org.openvpp.gateway.ocpp;

/**
 * What became of a dispatch sent to a charger.
 *
 * @param status the charger's answer (Accepted, Rejected, NotSupported), or "Offline" / "Timeout"
 * @param requestedW the charging power the dispatch asked for, W (≥ 0)
 * @param limitW the charging power of the profile sent, W, after the departure rule and unit
 *     rounding
 * @param raisedForDeparture whether the departure rule raised the limit above the request
 * @param purpose TxProfile or TxDefaultProfile
 */
public record ChargeOutcome(
    String status, long requestedW, long limitW, boolean raisedForDeparture, String purpose) {
  public boolean accepted() {
    return status.equals("Accepted");
  }
}
