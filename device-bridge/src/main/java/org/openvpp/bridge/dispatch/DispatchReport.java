package org.openvpp.bridge.dispatch;

import java.util.List;

/**
 * The state of one dispatch.
 *
 * @param dispatchId id given by {@link DispatchExecutor#dispatch}
 * @param targetW the requested total, W, + = export / discharge
 * @param commands every command sent, including re-dispatches
 * @param acknowledgedW sum of power, W, devices acknowledged holding
 * @param pendingW sum of power, W, still awaiting acknowledgement
 * @param measuredW sum of the last verified readings' power, W, of accepting devices
 */
public record DispatchReport(
    long dispatchId,
    long targetW,
    List<CommandOutcome> commands,
    long acknowledgedW,
    long pendingW,
    long measuredW) {

  /** Target not covered by acknowledged or pending commands, W (same sign as the target). */
  public long shortfallW() {
    return targetW - acknowledgedW - pendingW;
  }
}
