package org.openvpp.node.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refused request gets a JSON body {@code {"error": code, "detail": what and what to do}}:
 * the route's own {@link ApiException}s, and what Vert.x Web decides (no route 404, wrong method
 * 405, body over the limit 413). Anything else is a bug: 500, logged with its stack trace.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException e) {
      send(ctx, e.status(), e.error(), e.detail());
      return;
    }
    switch (ctx.statusCode()) {
      case 404 -> send(ctx, 404, "not-found", "no such route: " + ctx.request().path());
      case 405 ->
          send(
              ctx,
              405,
              "method-not-allowed",
              ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 ->
          send(ctx, 413, "body-too-large", "the request body is larger than the API accepts");
      case 400 -> send(ctx, 400, "bad-request", "the request could not be read");
      default -> {
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        send(ctx, 500, "internal", "the node failed to answer; its log has the cause");
      }
    }
  }

  static void send(RoutingContext ctx, int status, String error, String detail) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", error).put("detail", detail).encode());
  }
}
