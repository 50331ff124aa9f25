package org.openvpp.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.web3j.utils.Numeric;

/**
 * Wire form of a {@link SignedGroupCommand} on {@code vpp/1/n/{node}/cmd}: {@code
 * {"v":1,"node","commandId","validFromMs","validUntilMs","setpoints":[{"device","targetPowerW"},…],
 * "sigType","sig"}}.
 */
public final class GroupCommandCodec {
  private static final long MAX = Long.MAX_VALUE;
  private static final Set<String> FIELDS =
      Set.of(
          "v", "node", "commandId", "validFromMs", "validUntilMs", "setpoints", "sigType", "sig");
  private static final Set<String> SETPOINT_FIELDS = Set.of("device", "targetPowerW");

  private GroupCommandCodec() {}

  public static byte[] encode(SignedGroupCommand s) {
    GroupCommand g = s.command();
    ObjectNode o = WireCodec.object().put("node", g.node()).put("commandId", g.commandId());
    o.put("validFromMs", g.validFromMs()).put("validUntilMs", g.validUntilMs());
    ArrayNode setpoints = o.putArray("setpoints");
    for (GroupCommand.Setpoint p : g.setpoints()) {
      setpoints.addObject().put("device", p.device()).put("targetPowerW", p.targetPowerW());
    }
    o.put("sigType", SignatureType.SECP256K1.wireName());
    return WireCodec.bytes(o.put("sig", Numeric.toHexString(s.signature())));
  }

  /** Decodes and checks the form (size, schema, order of devices); not the signature. */
  public static Decoded<SignedGroupCommand> decode(byte[] payload) {
    Decoded<WireCodec.Envelope> envelope =
        WireCodec.envelope(payload, Protocol.MAX_BATCH_PAYLOAD_BYTES, FIELDS);
    if (!envelope.isOk()) {
      return Decoded.rejected(envelope.reason().orElseThrow(), envelope.detail());
    }
    JsonNode node = envelope.value().orElseThrow().node();
    JsonObjectReader in = envelope.value().orElseThrow().in();
    String signer = in.address("node");
    long id = in.integer("commandId", 1, MAX);
    long from = in.integer("validFromMs", 0, MAX);
    long until = in.integer("validUntilMs", from, MAX);
    String type = in.text("sigType", 16);
    byte[] sig = in.hex("sig", 65);
    if (!in.ok()) {
      return Decoded.rejected(RejectionReason.SCHEMA, in.problem());
    }
    if (SignatureType.fromWire(type).isEmpty()) {
      return Decoded.rejected(RejectionReason.UNSUPPORTED_SIGNATURE_TYPE, "sigType");
    }
    if (sig.length != 65) {
      return Decoded.rejected(RejectionReason.BAD_SIGNATURE, "sig must be 65 bytes");
    }
    JsonNode elements = node.get("setpoints");
    if (elements == null || !elements.isArray()) {
      return Decoded.rejected(RejectionReason.SCHEMA, "setpoints must be an array");
    }
    List<GroupCommand.Setpoint> setpoints = new ArrayList<>(elements.size());
    for (JsonNode e : elements) {
      JsonObjectReader p = new JsonObjectReader(e, SETPOINT_FIELDS);
      String device = p.address("device");
      long target = p.integer("targetPowerW", Long.MIN_VALUE, MAX);
      if (!p.ok()) {
        return Decoded.rejected(RejectionReason.SCHEMA, "setpoint: " + p.problem());
      }
      setpoints.add(new GroupCommand.Setpoint(device, target));
    }
    try {
      return Decoded.ok(
          new SignedGroupCommand(new GroupCommand(signer, id, from, until, setpoints), sig));
    } catch (IllegalArgumentException e) {
      return Decoded.rejected(RejectionReason.SCHEMA, e.getMessage());
    }
  }
}
