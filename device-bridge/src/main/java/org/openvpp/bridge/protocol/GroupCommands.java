package org.openvpp.bridge.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one dispatch decision (a setpoint per device) into the fewest group commands the protocol
 * allows: devices in ascending order, at most {@link Protocol#MAX_GROUP_SETPOINTS} per command, all
 * with the same command id and window (each device sees one id, so the replay rule is unchanged).
 */
public final class GroupCommands {
  private GroupCommands() {}

  /**
   * @param targetsW power per device address, W (+ = export)
   */
  public static List<GroupCommand> split(
      String node,
      long commandId,
      long validFromMs,
      long validUntilMs,
      Map<String, Long> targetsW) {
    List<GroupCommand> out = new ArrayList<>();
    List<GroupCommand.Setpoint> chunk = new ArrayList<>();
    for (Map.Entry<String, Long> e : new TreeMap<>(targetsW).entrySet()) {
      chunk.add(new GroupCommand.Setpoint(e.getKey(), e.getValue()));
      if (chunk.size() == Protocol.MAX_GROUP_SETPOINTS) {
        out.add(new GroupCommand(node, commandId, validFromMs, validUntilMs, chunk));
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      out.add(new GroupCommand(node, commandId, validFromMs, validUntilMs, chunk));
    }
    return out;
  }
}
