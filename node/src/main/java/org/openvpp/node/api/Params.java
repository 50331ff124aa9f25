package org.openvpp.node.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** Path and query parameters, checked: a bad one is a 400 naming the parameter. */
final class Params {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  private Params() {}

  /** A {@code 0x} address path parameter, lower-cased. */
  static String address(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    if (value == null || !ADDRESS.matcher(value).matches()) {
      throw ApiException.badRequest(
          "bad-address",
          name + " must be 0x followed by 40 hex digits, got '" + abbreviate(value) + "'");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /** {@code ?limit=} (1..1000, default 100). */
  static int limit(RoutingContext ctx) {
    String value = ctx.queryParams().get("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "bad-query",
        "limit must be an integer 1.." + MAX_LIMIT + ", got '" + abbreviate(value) + "'");
  }

  /** Echoes at most 80 characters of what the client sent. */
  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
