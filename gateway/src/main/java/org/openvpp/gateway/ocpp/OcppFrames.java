package org.openvpp.gateway.ocpp;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads OCPP-J frames from untrusted text. Anything that is not a well-formed frame becomes a
 * {@link Parsed.Bad} with the CALLERROR to send, never an exception.
 */
public final class OcppFrames {
  /** OCPP-J 1.6 §4.1.3: the unique id is a string of at most 36 characters. */
  public static final int MAX_UNIQUE_ID = 36;

  /** OCPP-J has no id to answer a frame whose id cannot be read; "-1" is what 2.0.1 uses. */
  public static final String UNKNOWN_ID = "-1";

  private OcppFrames() {}

  /** The outcome of reading one text message. */
  public sealed interface Parsed {
    record Ok(OcppFrame frame) implements Parsed {}

    /**
     * @param answer the CALLERROR for the peer
     * @param answerable false for a broken CALLRESULT or CALLERROR: those are never answered (an
     *     answer to an answer could loop), only counted
     */
    record Bad(OcppFrame.CallError answer, boolean answerable) implements Parsed {}
  }

  public static Parsed parse(String text) {
    JsonArray a;
    try {
      Object v = Json.decodeValue(text);
      if (!(v instanceof JsonArray arr)) {
        return bad(UNKNOWN_ID, "a frame is a JSON array", true);
      }
      a = arr;
    } catch (DecodeException e) {
      return bad(UNKNOWN_ID, "not JSON", true);
    }
    if (a.isEmpty() || !(a.getValue(0) instanceof Integer type)) {
      return bad(idOf(a), "a frame starts with a numeric message type id", true);
    }
    boolean isCall = type != OcppFrame.CALL_RESULT && type != OcppFrame.CALL_ERROR;
    if (a.size() < 3) {
      return bad(idOf(a), "a frame has a message type id, a unique id and a body", isCall);
    }
    if (!(a.getValue(1) instanceof String id) || id.isEmpty() || id.length() > MAX_UNIQUE_ID) {
      return bad(UNKNOWN_ID, "the unique id is a string of 1 to 36 characters", isCall);
    }
    return switch (type) {
      case OcppFrame.CALL -> call(a, id);
      case OcppFrame.CALL_RESULT -> callResult(a, id);
      case OcppFrame.CALL_ERROR -> callError(a, id);
      default -> bad(id, "unknown message type id " + type, true);
    };
  }

  private static Parsed call(JsonArray a, String id) {
    if (a.size() != 4 || !(a.getValue(2) instanceof String action) || action.isEmpty()) {
      return bad(id, "a CALL is [2, uniqueId, action, payload]", true);
    }
    if (!(a.getValue(3) instanceof JsonObject payload)) {
      return bad(id, "the payload of a CALL is a JSON object", true);
    }
    return new Parsed.Ok(new OcppFrame.Call(id, action, payload));
  }

  private static Parsed callResult(JsonArray a, String id) {
    if (a.size() != 3 || !(a.getValue(2) instanceof JsonObject payload)) {
      return bad(id, "a CALLRESULT is [3, uniqueId, payload]", false);
    }
    return new Parsed.Ok(new OcppFrame.CallResult(id, payload));
  }

  private static Parsed callError(JsonArray a, String id) {
    if (a.size() != 5
        || !(a.getValue(2) instanceof String code)
        || !(a.getValue(3) instanceof String description)
        || !(a.getValue(4) instanceof JsonObject details)) {
      return bad(id, "a CALLERROR is [4, uniqueId, code, description, details]", false);
    }
    OcppError error = OcppError.fromWire(code).orElse(OcppError.GENERIC_ERROR);
    return new Parsed.Ok(new OcppFrame.CallError(id, error, description, details));
  }

  private static String idOf(JsonArray a) {
    return a.size() > 1 && a.getValue(1) instanceof String s && !s.isEmpty() && s.length() <= 36
        ? s
        : UNKNOWN_ID;
  }

  private static Parsed bad(String id, String why, boolean answerable) {
    return new Parsed.Bad(
        OcppFrame.CallError.of(id, OcppError.FORMATION_VIOLATION, why), answerable);
  }
}
