package org.openvpp.bridge.protocol;

/**
 * Device → node on {@code vpp/1/d/{device}/ack}: what the device did with a command.
 *
 * @param device the device address
 * @param commandId the command's id
 * @param status outcome
 * @param appliedPowerW power, W (+ = export), the device is holding for the command; 0 if rejected
 * @param reason short machine-readable reason when rejected, else empty
 * @param timestampMs UTC ms when sent
 */
public record CommandAck(
    String device,
    long commandId,
    Status status,
    long appliedPowerW,
    String reason,
    long timestampMs) {

  /** Outcome of a command on the device. */
  public enum Status {
    ACCEPTED,
    REJECTED,
    COMPLETED,
    REVERTED
  }
}
