package org.openvpp.node.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvpp.node.api.model.JsonView;

/**
 * Answers with JSON computed on a worker thread: the node's sources may block (JDBC), and the event
 * loop must not. A failure (an {@link ApiException} or a bug) goes to {@link ApiErrors}.
 */
final class Replies {
  private Replies() {}

  static void json(Vertx vertx, RoutingContext ctx, Callable<Object> work) {
    vertx
        .<String>executeBlocking(() -> encode(work.call()), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.response().putHeader("Content-Type", "application/json").end(ar.result());
              }
            });
  }

  private static String encode(Object value) {
    if (value instanceof JsonView v) {
      return v.toJson().encode();
    }
    if (value instanceof JsonObject o) {
      return o.encode();
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      for (Object item : list) {
        array.add(item instanceof JsonView v ? v.toJson() : item);
      }
      return array.encode();
    }
    throw new IllegalArgumentException("not a JSON view: " + value);
  }
}
