package org.openvpp.bridge.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.utils.Numeric;

/**
 * JSON encoding of every protocol payload (UTF-8, one object, no unknown fields). Decoding never
 * throws: it returns {@link Decoded} with a {@link RejectionReason}.
 */
public final class WireCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final long UINT64_MAX = Long.MAX_VALUE;
  private static final Set<String> READING_FIELDS =
      Set.of(
          "v",
          "device",
          "sequence",
          "timestampMs",
          "importWh",
          "exportWh",
          "powerW",
          "socPermille",
          "sigType",
          "sig");

  private WireCodec() {}

  public static byte[] encode(SignedReading signed) {
    return bytes(readingObject(signed));
  }

  static ObjectNode readingObject(SignedReading signed) {
    MeterReading r = signed.reading();
    ObjectNode o = JSON.createObjectNode().put("v", Protocol.VERSION).put("device", r.device());
    o.put("sequence", r.sequence()).put("timestampMs", r.timestampMs());
    o.put("importWh", r.importWh()).put("exportWh", r.exportWh()).put("powerW", r.powerW());
    o.put("socPermille", r.socPermille()).put("sigType", signed.signatureType().wireName());
    o.put("sig", Numeric.toHexString(signed.signature()));
    return o;
  }

  /** Decodes a reading; checks size, JSON, schema, version and signature form, not validity. */
  public static Decoded<SignedReading> decodeReading(byte[] payload) {
    Decoded<JsonNode> tree = parse(payload);
    if (!tree.isOk()) {
      return Decoded.rejected(tree.reason().orElseThrow(), tree.detail());
    }
    return decodeReading(tree.value().orElseThrow());
  }

  /** Decodes one reading object (also an element of a {@link ReadingBatch}). */
  static Decoded<SignedReading> decodeReading(JsonNode node) {
    JsonObjectReader in = new JsonObjectReader(node, READING_FIELDS);
    if (!in.ok()) {
      return Decoded.rejected(RejectionReason.SCHEMA, in.problem());
    }
    long version = in.integer("v", 0, Integer.MAX_VALUE);
    if (in.ok() && version != Protocol.VERSION) {
      return Decoded.rejected(RejectionReason.UNSUPPORTED_VERSION, "v=" + version);
    }
    String device = in.address("device");
    long sequence = in.integer("sequence", 1, UINT64_MAX);
    long timestampMs = in.integer("timestampMs", 0, UINT64_MAX);
    long importWh = in.integer("importWh", 0, UINT64_MAX);
    long exportWh = in.integer("exportWh", 0, UINT64_MAX);
    long powerW = in.integer("powerW", Long.MIN_VALUE, Long.MAX_VALUE);
    int soc = (int) in.integer("socPermille", 0, 1000);
    if (!in.ok()) {
      return Decoded.rejected(RejectionReason.SCHEMA, in.problem());
    }
    MeterReading reading =
        new MeterReading(device, sequence, timestampMs, importWh, exportWh, powerW, soc);
    return signature(in, reading);
  }

  private static Decoded<SignedReading> signature(JsonObjectReader in, MeterReading reading) {
    if (!in.has("sig") || !in.has("sigType")) {
      return Decoded.rejected(RejectionReason.MISSING_SIGNATURE, "no sig or sigType");
    }
    Optional<SignatureType> type = SignatureType.fromWire(in.text("sigType", 16));
    if (type.isEmpty()) {
      return Decoded.rejected(RejectionReason.UNSUPPORTED_SIGNATURE_TYPE, "sigType");
    }
    byte[] sig = in.hex("sig", 65);
    if (!in.ok() || sig.length != 65) {
      return Decoded.rejected(RejectionReason.BAD_SIGNATURE, "sig must be 65 bytes of 0x hex");
    }
    return Decoded.ok(new SignedReading(reading, type.get(), sig));
  }

  /** A parsed message of the protocol's version and a reader limited to its fields. */
  record Envelope(JsonNode node, JsonObjectReader in) {}

  /**
   * Parses {@code payload} (at most {@code maxBytes}) and checks its {@code v}. Schema problems
   * stay in the reader for the caller to report after reading its fields.
   */
  static Decoded<Envelope> envelope(byte[] payload, int maxBytes, Set<String> fields) {
    Decoded<JsonNode> tree = parse(payload, maxBytes);
    if (!tree.isOk()) {
      return Decoded.rejected(tree.reason().orElseThrow(), tree.detail());
    }
    JsonNode node = tree.value().orElseThrow();
    JsonObjectReader in = new JsonObjectReader(node, fields);
    long version = in.integer("v", 0, Integer.MAX_VALUE);
    if (in.ok() && version != Protocol.VERSION) {
      return Decoded.rejected(RejectionReason.UNSUPPORTED_VERSION, "v=" + version);
    }
    return Decoded.ok(new Envelope(node, in));
  }

  static Decoded<JsonNode> parse(byte[] payload) {
    return parse(payload, Protocol.MAX_PAYLOAD_BYTES);
  }

  static Decoded<JsonNode> parse(byte[] payload, int maxBytes) {
    if (payload.length > maxBytes) {
      return Decoded.rejected(RejectionReason.OVERSIZE, payload.length + " bytes");
    }
    try {
      JsonNode node = JSON.readTree(payload);
      if (node == null || node.isMissingNode()) {
        return Decoded.rejected(RejectionReason.MALFORMED_JSON, "empty");
      }
      return Decoded.ok(node);
    } catch (JsonProcessingException e) {
      return Decoded.rejected(RejectionReason.MALFORMED_JSON, e.getOriginalMessage());
    } catch (IOException e) {
      return Decoded.rejected(RejectionReason.MALFORMED_JSON, e.getClass().getSimpleName());
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode().put("v", Protocol.VERSION);
  }

  static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
