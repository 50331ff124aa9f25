package org.openvpp.bridge.protocol;

import java.util.List;
import java.util.Optional;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * One dispatch command from a node to many of its devices, signed once by the node key (EIP-712
 * {@code GroupCommand}, domain "OpenVPP Dispatch"), published on {@code vpp/1/n/{node}/cmd}. Each
 * device obeys only its own setpoint; for it the group command means exactly what a {@link
 * DispatchCommand} with the same node, id, window and its setpoint would mean.
 *
 * @param node the signing node
 * @param commandId shared by every setpoint; must exceed the last id each named device accepted
 * @param validFromMs UTC ms from which the setpoints apply
 * @param validUntilMs UTC ms after which devices return to their owners' behaviour; equal to {@code
 *     validFromMs}: a release
 * @param setpoints 1 … {@link Protocol#MAX_GROUP_SETPOINTS}, devices strictly ascending
 */
public record GroupCommand(
    String node, long commandId, long validFromMs, long validUntilMs, List<Setpoint> setpoints) {

  public GroupCommand {
    node = AbiWords.checkAddress(node);
    setpoints = List.copyOf(setpoints);
    if (commandId < 1 || validFromMs < 0 || validUntilMs < validFromMs) {
      throw new IllegalArgumentException("bad command id or validity window");
    }
    if (setpoints.isEmpty() || setpoints.size() > Protocol.MAX_GROUP_SETPOINTS) {
      throw new IllegalArgumentException(
          "a group command holds 1 to " + Protocol.MAX_GROUP_SETPOINTS + " setpoints");
    }
    for (int i = 1; i < setpoints.size(); i++) {
      if (setpoints.get(i - 1).device().compareTo(setpoints.get(i).device()) >= 0) {
        throw new IllegalArgumentException("setpoint devices must strictly ascend");
      }
    }
  }

  /** What the group command asks of one device, as a single command; empty if it is not named. */
  public Optional<DispatchCommand> forDevice(String device) {
    int lo = 0;
    int hi = setpoints.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = setpoints.get(mid).device().compareTo(device);
      if (c == 0) {
        Setpoint s = setpoints.get(mid);
        return Optional.of(
            new DispatchCommand(
                node, device, commandId, s.targetPowerW(), validFromMs, validUntilMs));
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.empty();
  }

  /**
   * One device's entry.
   *
   * @param device the device address
   * @param targetPowerW power to hold, W, + = export / discharge
   */
  public record Setpoint(String device, long targetPowerW) {
    public Setpoint {
      device = AbiWords.checkAddress(device);
    }
  }
}
