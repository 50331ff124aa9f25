package org.openvpp.gateway.adapter;

/**
 * What became of a setpoint.
 *
 * @param status whether the device took it
 * @param appliedPowerW W the device was set to (after its own limits), 0 when not applied
 * @param detail short machine-readable reason when not applied, else empty
 */
public record SetpointResult(Status status, long appliedPowerW, String detail) {
  public enum Status {
    APPLIED,
    REJECTED,
    FAILED
  }

  public static SetpointResult applied(long powerW) {
    return new SetpointResult(Status.APPLIED, powerW, "");
  }

  public static SetpointResult failed(FailureReason reason, String detail) {
    return new SetpointResult(Status.FAILED, 0, reason.name().toLowerCase() + ":" + detail);
  }
}
