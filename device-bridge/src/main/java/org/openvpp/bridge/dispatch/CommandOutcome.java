package org.openvpp.bridge.dispatch;

import java.util.Optional;

/**
 * What became of one command of a dispatch.
 *
 * @param allocation what was asked of the device (a change against its baseline)
 * @param baselineW the device's baseline, W, when the command was sent; target = baseline +
 *     allocation
 * @param commandId the signed command's id
 * @param state pending until acknowledged, then accepted or failed
 * @param appliedPowerW absolute power, W, the device acknowledged it holds (0 unless accepted)
 * @param sentMs UTC ms when the command was published (after signing)
 * @param ackMs UTC ms when the acknowledgement arrived, if it did
 * @param failure why it failed, if it did
 */
public record CommandOutcome(
    Allocation allocation,
    long baselineW,
    long commandId,
    State state,
    long appliedPowerW,
    long sentMs,
    Optional<Long> ackMs,
    Optional<String> failure) {

  /** Lifecycle of a command. */
  public enum State {
    PENDING,
    ACCEPTED,
    FAILED,
    /** Replaced by a later command to the same device with a larger share. */
    SUPERSEDED
  }

  CommandOutcome publishedAt(long ms) {
    return new CommandOutcome(
        allocation, baselineW, commandId, state, appliedPowerW, ms, ackMs, failure);
  }

  CommandOutcome superseded() {
    return new CommandOutcome(
        allocation,
        baselineW,
        commandId,
        State.SUPERSEDED,
        0,
        sentMs,
        ackMs,
        Optional.of("superseded"));
  }

  /** The change, W, this command contributes: acknowledged if accepted, requested if pending. */
  long contributionW() {
    return switch (state) {
      case ACCEPTED -> appliedPowerW - baselineW;
      case PENDING -> allocation.powerW();
      default -> 0;
    };
  }

  boolean live() {
    return state == State.PENDING || state == State.ACCEPTED;
  }

  CommandOutcome accepted(long appliedW, long atMs) {
    return new CommandOutcome(
        allocation,
        baselineW,
        commandId,
        State.ACCEPTED,
        appliedW,
        sentMs,
        Optional.of(atMs),
        failure);
  }

  CommandOutcome failed(String why, long atMs) {
    return new CommandOutcome(
        allocation,
        baselineW,
        commandId,
        State.FAILED,
        0,
        sentMs,
        Optional.of(atMs),
        Optional.of(why));
  }
}
