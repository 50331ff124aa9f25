package org.openvpp.bridge.sim;

import java.time.Clock;
import java.util.Optional;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.DispatchCommand;
import org.openvpp.bridge.protocol.GroupCommand;
import org.openvpp.bridge.protocol.GroupCommandCodec;
import org.openvpp.bridge.protocol.Heartbeat;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.SignedCommand;
import org.openvpp.bridge.protocol.SignedGroupCommand;
import org.openvpp.bridge.protocol.SignedHeartbeat;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.contracts.eip712.Signatures;

/**
 * The device's rules for node messages: obey only commands signed by its own node, addressed to it,
 * newer than the last, inside their validity window, while the node's heartbeat is fresh; and fall
 * back to the owner's behaviour when the heartbeat stops or the command expires. Public so a
 * gateway holding the keys of devices behind it applies exactly the same rules (gateway module).
 */
public final class CommandGuard {
  private final TypedData typedData;
  private final SharedSignatureCheck groupSignatures;
  private final String node;
  private final String device;
  private final Clock clock;
  private long lastCommandId;
  private long lastHeartbeatSequence = -1;
  private long lastHeartbeatAtMs = Long.MIN_VALUE;
  private DispatchCommand active;

  public CommandGuard(TypedData typedData, String node, String device, Clock clock) {
    this(typedData, node, device, clock, SharedSignatureCheck.none());
  }

  CommandGuard(
      TypedData typedData,
      String node,
      String device,
      Clock clock,
      SharedSignatureCheck groupSignatures) {
    this.groupSignatures = groupSignatures;
    this.typedData = typedData;
    this.node = node;
    this.device = device;
    this.clock = clock;
  }

  public Optional<DispatchCommand> active() {
    return Optional.ofNullable(active);
  }

  public boolean heartbeatFresh() {
    return lastHeartbeatAtMs != Long.MIN_VALUE
        && clock.millis() - lastHeartbeatAtMs < Protocol.HEARTBEAT_TIMEOUT_MS;
  }

  public void onHeartbeat(byte[] payload) {
    Decoded<SignedHeartbeat> d = MessageCodec.decodeHeartbeat(payload);
    if (!d.isOk()) {
      return;
    }
    Heartbeat h = d.value().get().heartbeat();
    long now = clock.millis();
    boolean signedByNode =
        Signatures.recoverAddress(typedData.digest(h), d.value().get().signature())
            .filter(node::equals)
            .isPresent();
    if (signedByNode
        && h.node().equals(node)
        && h.sequence() > lastHeartbeatSequence
        && Math.abs(h.timestampMs() - now) < Protocol.HEARTBEAT_TIMEOUT_MS) {
      lastHeartbeatSequence = h.sequence();
      lastHeartbeatAtMs = now;
    }
  }

  public CommandAck onCommand(byte[] payload, DevicePhysics physics) {
    long now = clock.millis();
    Decoded<SignedCommand> d = MessageCodec.decodeCommand(payload);
    if (!d.isOk()) {
      return reject(0, "malformed");
    }
    DispatchCommand c = d.value().get().command();
    boolean signedByNode =
        Signatures.recoverAddress(typedData.digest(c), d.value().get().signature())
            .filter(node::equals)
            .isPresent();
    return apply(c, signedByNode, physics, now);
  }

  /**
   * A group command (protocol §7.4): ignored without an answer when it does not name this device or
   * is malformed (the node then times out on this device alone); otherwise the named setpoint is
   * checked and applied exactly like a single command with the same node, id and window.
   */
  Optional<CommandAck> onGroupCommand(byte[] payload, DevicePhysics physics) {
    long now = clock.millis();
    Decoded<SignedGroupCommand> d = GroupCommandCodec.decode(payload);
    if (!d.isOk()) {
      return Optional.empty();
    }
    GroupCommand g = d.value().get().command();
    Optional<DispatchCommand> mine = g.forDevice(device);
    if (mine.isEmpty()) {
      return Optional.empty();
    }
    boolean signedByNode =
        groupSignatures
            .signer(typedData.digest(g), d.value().get().signature())
            .filter(node::equals)
            .isPresent();
    return Optional.of(apply(mine.get(), signedByNode, physics, now));
  }

  private CommandAck apply(
      DispatchCommand c, boolean signedByNode, DevicePhysics physics, long now) {
    String problem = problem(c, signedByNode, now);
    if (problem != null) {
      return reject(c.commandId(), problem);
    }
    lastCommandId = c.commandId();
    if (c.validUntilMs() == c.validFromMs()) {
      active = null;
      return ack(c.commandId(), CommandAck.Status.COMPLETED, 0, "released");
    }
    long applied = physics.clamp(now, c.targetPowerW());
    active =
        new DispatchCommand(
            c.node(), c.device(), c.commandId(), applied, c.validFromMs(), c.validUntilMs());
    return ack(c.commandId(), CommandAck.Status.ACCEPTED, applied, "");
  }

  private String problem(DispatchCommand c, boolean signedByNode, long now) {
    if (!signedByNode || !c.node().equals(node)) {
      return "not-my-node";
    }
    if (!c.device().equals(device)) {
      return "not-for-me";
    }
    if (c.commandId() <= lastCommandId) {
      return "replayed";
    }
    if (c.validFromMs() > now + Protocol.MAX_FUTURE_SKEW_MS
        || (c.validUntilMs() <= now && c.validUntilMs() != c.validFromMs())) {
      return "outside-validity";
    }
    if (c.validUntilMs() - c.validFromMs() > Protocol.MAX_COMMAND_VALIDITY_MS) {
      return "validity-too-long";
    }
    if (!heartbeatFresh()) {
      return "no-heartbeat";
    }
    return null;
  }

  /** Drops the active command when it expired or the node went silent. */
  public Optional<CommandAck> failSafe() {
    if (active == null) {
      return Optional.empty();
    }
    long id = active.commandId();
    if (clock.millis() >= active.validUntilMs()) {
      active = null;
      return Optional.of(ack(id, CommandAck.Status.COMPLETED, 0, "expired"));
    }
    if (!heartbeatFresh()) {
      active = null;
      return Optional.of(ack(id, CommandAck.Status.REVERTED, 0, "heartbeat-timeout"));
    }
    return Optional.empty();
  }

  private CommandAck reject(long id, String reason) {
    return ack(id, CommandAck.Status.REJECTED, 0, reason);
  }

  private CommandAck ack(long id, CommandAck.Status status, long applied, String reason) {
    return new CommandAck(device, id, status, applied, reason, clock.millis());
  }
}
