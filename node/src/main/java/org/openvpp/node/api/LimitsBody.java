package org.openvpp.node.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import org.openvpp.node.api.model.OwnerLimits;

/**
 * The body of {@code PUT /v1/devices/{device}/limits}: a JSON object with exactly {@code
 * minSocPermille} (0–1000), {@code reserveWh} (≥ 0) and {@code departureMs} (UTC ms, 0 = none), all
 * integers. An unknown field is refused too: a typo must not pass as "no limit".
 */
final class LimitsBody {
  private static final Set<String> FIELDS = Set.of("minSocPermille", "reserveWh", "departureMs");

  private LimitsBody() {}

  static OwnerLimits parse(RoutingContext ctx, long nowMs) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(
          415, "unsupported-media-type", "send the limits as Content-Type: application/json");
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest(
          "malformed-json", "the body is not a JSON object: " + Params.abbreviate(e.getMessage()));
    }
    if (body == null) {
      throw ApiException.badRequest("malformed-json", "the body is empty: send a JSON object");
    }
    Set<String> unknown = new TreeSet<>(body.fieldNames());
    unknown.removeAll(FIELDS);
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest(
          "unknown-field",
          "unknown field(s) " + unknown + ": the limits are " + new TreeSet<>(FIELDS));
    }
    long minSoc = integer(body, "minSocPermille", 1_000);
    long reserve = integer(body, "reserveWh", Long.MAX_VALUE);
    long departure = integer(body, "departureMs", Long.MAX_VALUE);
    return new OwnerLimits((int) minSoc, reserve, departure, nowMs);
  }

  private static long integer(JsonObject body, String field, long max) {
    Object v = body.getValue(field);
    if (v == null) {
      throw ApiException.badRequest("bad-field", field + " is missing (an integer 0.." + max + ")");
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw ApiException.badRequest(
          "bad-field",
          field
              + " must be an integer 0.."
              + max
              + ", got "
              + Params.abbreviate(String.valueOf(body.getValue(field)))
              + " ("
              + kind(v)
              + ")");
    }
    long n = ((Number) v).longValue();
    if (n < 0 || n > max) {
      throw ApiException.badRequest("bad-field", field + " must be 0.." + max + ", got " + n);
    }
    return n;
  }

  private static String kind(Object v) {
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof Number) {
      return "not an integer in range";
    }
    return "an object or array";
  }
}
