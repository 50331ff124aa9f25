package org.openvpp.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Wire form of a {@link ReadingBatch}: {@code {"v":1,"device":…,"readings":[…]}} where every
 * element is exactly a single-reading payload (§5.1), so a device builds a batch from the payloads
 * it already buffers. Structural problems refuse the whole batch; the signature and content of each
 * reading are judged later, one by one.
 */
public final class ReadingBatchCodec {
  private static final Set<String> FIELDS = Set.of("v", "device", "readings");

  private ReadingBatchCodec() {}

  public static byte[] encode(ReadingBatch batch) {
    ObjectNode o = WireCodec.object().put("device", batch.device());
    ArrayNode readings = o.putArray("readings");
    batch.readings().forEach(r -> readings.add(WireCodec.readingObject(r)));
    return WireCodec.bytes(o);
  }

  /**
   * Decodes a batch: size, JSON, envelope schema, version, 1 … {@link Protocol#MAX_BATCH_READINGS}
   * elements each a well-formed reading of the envelope's device, sequences strictly ascending.
   * Does not check signatures.
   */
  public static Decoded<ReadingBatch> decode(byte[] payload) {
    Decoded<WireCodec.Envelope> envelope =
        WireCodec.envelope(payload, Protocol.MAX_BATCH_PAYLOAD_BYTES, FIELDS);
    if (!envelope.isOk()) {
      return Decoded.rejected(envelope.reason().orElseThrow(), envelope.detail());
    }
    JsonNode node = envelope.value().orElseThrow().node();
    JsonObjectReader in = envelope.value().orElseThrow().in();
    String device = in.address("device");
    if (!in.ok()) {
      return Decoded.rejected(RejectionReason.SCHEMA, in.problem());
    }
    JsonNode elements = node.get("readings");
    if (elements == null
        || !elements.isArray()
        || elements.isEmpty()
        || elements.size() > Protocol.MAX_BATCH_READINGS) {
      return Decoded.rejected(
          RejectionReason.SCHEMA,
          "readings must be an array of 1 to " + Protocol.MAX_BATCH_READINGS + " readings");
    }
    return elements(device, elements);
  }

  private static Decoded<ReadingBatch> elements(String device, JsonNode elements) {
    List<SignedReading> readings = new ArrayList<>(elements.size());
    long previous = 0;
    for (JsonNode element : elements) {
      Decoded<SignedReading> r = WireCodec.decodeReading(element);
      if (!r.isOk()) {
        return Decoded.rejected(
            r.reason().orElseThrow(), "reading " + readings.size() + ": " + r.detail());
      }
      SignedReading signed = r.value().orElseThrow();
      if (!signed.reading().device().equals(device)) {
        return Decoded.rejected(
            RejectionReason.TOPIC_MISMATCH, "reading " + readings.size() + " of another device");
      }
      if (signed.reading().sequence() <= previous) {
        return Decoded.rejected(
            RejectionReason.BATCH_OUT_OF_ORDER,
            "sequence " + signed.reading().sequence() + " after " + previous);
      }
      previous = signed.reading().sequence();
      readings.add(signed);
    }
    return Decoded.ok(new ReadingBatch(device, readings));
  }
}
