package org.openvpp.bridge.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Function;
import org.web3j.utils.Numeric;

/** JSON encoding of the protocol's control payloads (everything except readings). */
public final class MessageCodec {
  private static final long MAX = Long.MAX_VALUE;

  private MessageCodec() {}

  public static byte[] encode(Availability a) {
    ObjectNode o = WireCodec.object().put("device", a.device()).put("online", a.online());
    return WireCodec.bytes(o.put("timestampMs", a.timestampMs()));
  }

  public static Decoded<Availability> decodeAvailability(byte[] payload) {
    return decode(
        payload,
        Set.of("v", "device", "online", "timestampMs"),
        in ->
            new Availability(
                in.address("device"), in.bool("online"), in.integer("timestampMs", 0, MAX)));
  }

  public static byte[] encode(Limits l) {
    ObjectNode o = WireCodec.object().put("device", l.device()).put("baselineW", l.baselineW());
    o.put("minPowerW", l.minPowerW()).put("maxPowerW", l.maxPowerW());
    o.put("minSocPermille", l.minSocPermille()).put("reserveWh", l.reserveWh());
    o.put("departureMs", l.departureMs()).put("timestampMs", l.timestampMs());
    return WireCodec.bytes(o);
  }

  public static Decoded<Limits> decodeLimits(byte[] payload) {
    return decode(
        payload,
        Set.of(
            "v",
            "device",
            "baselineW",
            "minPowerW",
            "maxPowerW",
            "minSocPermille",
            "reserveWh",
            "departureMs",
            "timestampMs"),
        in ->
            new Limits(
                in.address("device"),
                in.integer("baselineW", Long.MIN_VALUE, MAX),
                in.integer("minPowerW", Long.MIN_VALUE, MAX),
                in.integer("maxPowerW", Long.MIN_VALUE, MAX),
                (int) in.integer("minSocPermille", 0, 1000),
                in.integer("reserveWh", 0, MAX),
                in.integer("departureMs", 0, MAX),
                in.integer("timestampMs", 0, MAX)));
  }

  public static byte[] encode(CommandAck a) {
    ObjectNode o = WireCodec.object().put("device", a.device()).put("commandId", a.commandId());
    o.put("status", a.status().name()).put("appliedPowerW", a.appliedPowerW());
    return WireCodec.bytes(o.put("reason", a.reason()).put("timestampMs", a.timestampMs()));
  }

  public static Decoded<CommandAck> decodeAck(byte[] payload) {
    return decode(
        payload,
        Set.of("v", "device", "commandId", "status", "appliedPowerW", "reason", "timestampMs"),
        in ->
            new CommandAck(
                in.address("device"),
                in.integer("commandId", 0, MAX),
                status(in.text("status", 16)),
                in.integer("appliedPowerW", Long.MIN_VALUE, MAX),
                in.text("reason", 64),
                in.integer("timestampMs", 0, MAX)));
  }

  public static byte[] encode(Receipt r) {
    return WireCodec.bytes(
        WireCodec.object().put("device", r.device()).put("sequence", r.sequence()));
  }

  public static Decoded<Receipt> decodeReceipt(byte[] payload) {
    return decode(
        payload,
        Set.of("v", "device", "sequence"),
        in -> new Receipt(in.address("device"), in.integer("sequence", 0, MAX)));
  }

  public static byte[] encode(SignedCommand s) {
    DispatchCommand c = s.command();
    ObjectNode o = WireCodec.object().put("node", c.node()).put("device", c.device());
    o.put("commandId", c.commandId()).put("targetPowerW", c.targetPowerW());
    o.put("validFromMs", c.validFromMs()).put("validUntilMs", c.validUntilMs());
    o.put("sigType", SignatureType.SECP256K1.wireName());
    return WireCodec.bytes(o.put("sig", Numeric.toHexString(s.signature())));
  }

  public static Decoded<SignedCommand> decodeCommand(byte[] payload) {
    return decode(
        payload,
        Set.of(
            "v",
            "node",
            "device",
            "commandId",
            "targetPowerW",
            "validFromMs",
            "validUntilMs",
            "sigType",
            "sig"),
        in -> {
          String node = in.address("node");
          String device = in.address("device");
          long id = in.integer("commandId", 1, MAX);
          long target = in.integer("targetPowerW", Long.MIN_VALUE, MAX);
          long from = in.integer("validFromMs", 0, MAX);
          long until = in.integer("validUntilMs", from, MAX);
          byte[] sig = signature(in);
          return in.ok()
              ? new SignedCommand(new DispatchCommand(node, device, id, target, from, until), sig)
              : null;
        });
  }

  public static byte[] encode(SignedHeartbeat s) {
    Heartbeat h = s.heartbeat();
    ObjectNode o = WireCodec.object().put("node", h.node()).put("sequence", h.sequence());
    o.put("timestampMs", h.timestampMs()).put("sigType", SignatureType.SECP256K1.wireName());
    return WireCodec.bytes(o.put("sig", Numeric.toHexString(s.signature())));
  }

  public static Decoded<SignedHeartbeat> decodeHeartbeat(byte[] payload) {
    return decode(
        payload,
        Set.of("v", "node", "sequence", "timestampMs", "sigType", "sig"),
        in -> {
          String node = in.address("node");
          long seq = in.integer("sequence", 0, MAX);
          long ts = in.integer("timestampMs", 0, MAX);
          byte[] sig = signature(in);
          return in.ok() ? new SignedHeartbeat(new Heartbeat(node, seq, ts), sig) : null;
        });
  }

  private static byte[] signature(JsonObjectReader in) {
    String type = in.text("sigType", 16);
    byte[] sig = in.hex("sig", 65);
    return SignatureType.fromWire(type).isPresent() && sig.length == 65 ? sig : new byte[65];
  }

  private static CommandAck.Status status(String name) {
    for (CommandAck.Status s : CommandAck.Status.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return CommandAck.Status.REJECTED;
  }

  private static <T> Decoded<T> decode(
      byte[] payload, Set<String> fields, Function<JsonObjectReader, T> read) {
    Decoded<WireCodec.Envelope> envelope =
        WireCodec.envelope(payload, Protocol.MAX_PAYLOAD_BYTES, fields);
    if (!envelope.isOk()) {
      return Decoded.rejected(envelope.reason().orElseThrow(), envelope.detail());
    }
    JsonObjectReader in = envelope.value().orElseThrow().in();
    try {
      T value = in.ok() ? read.apply(in) : null;
      return in.ok() && value != null
          ? Decoded.ok(value)
          : Decoded.rejected(RejectionReason.SCHEMA, String.valueOf(in.problem()));
    } catch (IllegalArgumentException e) {
      return Decoded.rejected(RejectionReason.SCHEMA, e.getMessage());
    }
  }
}
