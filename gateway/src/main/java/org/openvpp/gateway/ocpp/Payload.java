package org.openvpp.gateway.ocpp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Typed reads of a CALL payload with the CALLERROR code OCPP-J 1.6 prescribes: a missing required
 * field is a ProtocolError, a field of the wrong JSON type a TypeConstraintViolation, a value out
 * of its range a PropertyConstraintViolation.
 */
final class Payload {
  private final JsonObject json;
  private final String where;

  Payload(JsonObject json, String where) {
    this.json = json;
    this.where = where;
  }

  String string(String field, int maxLength) {
    return optString(field, maxLength).orElseThrow(() -> missing(field));
  }

  Optional<String> optString(String field, int maxLength) {
    Object v = json.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw type(field, "a string");
    }
    if (s.length() > maxLength) {
      throw new OcppViolation(
          OcppError.PROPERTY_CONSTRAINT_VIOLATION,
          where + "." + field + " is longer than " + maxLength);
    }
    return Optional.of(s);
  }

  long integer(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw missing(field);
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw type(field, "an integer");
    }
    return ((Number) v).longValue();
  }

  Optional<Long> optInteger(String field) {
    return json.getValue(field) == null ? Optional.empty() : Optional.of(integer(field));
  }

  Instant time(String field) {
    String s = string(field, 64);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new OcppViolation(
          OcppError.TYPE_CONSTRAINT_VIOLATION, where + "." + field + " is not an RFC 3339 time");
    }
  }

  JsonArray array(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      throw missing(field);
    }
    if (!(v instanceof JsonArray a)) {
      throw type(field, "an array");
    }
    return a;
  }

  Payload object(JsonArray array, int index, String name) {
    if (!(array.getValue(index) instanceof JsonObject o)) {
      throw type(name + "[" + index + "]", "an object");
    }
    return new Payload(o, where + "." + name + "[" + index + "]");
  }

  private OcppViolation missing(String field) {
    return new OcppViolation(OcppError.PROTOCOL_ERROR, where + "." + field + " is required");
  }

  private OcppViolation type(String field, String expected) {
    return new OcppViolation(
        OcppError.TYPE_CONSTRAINT_VIOLATION, where + "." + field + " must be " + expected);
  }
}
