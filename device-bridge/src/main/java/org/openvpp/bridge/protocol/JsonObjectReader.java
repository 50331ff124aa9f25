package org.openvpp.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/** Strict field access on an untrusted JSON object; the first problem is remembered, not thrown. */
final class JsonObjectReader {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");

  private final JsonNode node;
  private String problem;

  JsonObjectReader(JsonNode node, Set<String> allowed) {
    this.node = node;
    if (!node.isObject()) {
      problem = "not a JSON object";
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        problem = "unknown field " + name;
        return;
      }
    }
  }

  boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  long integer(String field, long min, long max) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      fail(field + " must be an integer");
      return 0;
    }
    long value = v.longValue();
    if (value < min || value > max) {
      fail(field + " out of range");
      return 0;
    }
    return value;
  }

  boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isBoolean()) {
      fail(field + " must be a boolean");
      return false;
    }
    return v.booleanValue();
  }

  String text(String field, int maxLength) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.textValue().length() > maxLength) {
      fail(field + " must be a string of at most " + maxLength + " characters");
      return "";
    }
    return v.textValue();
  }

  String address(String field) {
    String value = text(field, 42);
    if (problem == null && !ADDRESS.matcher(value).matches()) {
      fail(field + " must be a lower-case 0x address");
    }
    return value;
  }

  byte[] hex(String field, int maxBytes) {
    String value = text(field, 2 + 2 * maxBytes);
    if (problem != null || !HEX.matcher(value).matches()) {
      fail(field + " must be 0x hex");
      return new byte[0];
    }
    return org.web3j.utils.Numeric.hexStringToByteArray(value);
  }

  boolean ok() {
    return problem == null;
  }

  String problem() {
    return problem;
  }

  private void fail(String message) {
    if (problem == null) {
      problem = message;
    }
  }
}
