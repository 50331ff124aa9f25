package org.openvpp.node.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.openvpp.node.api.events.NodeEvent;
import org.openvpp.node.api.events.NodeEvents;

/**
 * {@code GET /v1/events}: the node's changes as Server-Sent Events ({@code id:}, {@code event:},
 * {@code data:} JSON), with a comment line every 15 s so proxies keep the stream open. A client too
 * slow to take its events (the write queue is full) is disconnected rather than buffered without
 * bound; it reconnects and reads the current state from the other routes.
 */
final class EventStream {
  static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;
  private final NodeEvents events;

  EventStream(Vertx vertx, NodeEvents events) {
    this.vertx = vertx;
    this.events = events;
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    // The first line sends the headers at once, so a client knows it is subscribed.
    response.write(": subscribed\n\n");
    Context context = vertx.getOrCreateContext();
    Runnable unsubscribe = events.subscribe(e -> context.runOnContext(v -> deliver(response, e)));
    long keepAlive =
        vertx.setPeriodic(
            KEEP_ALIVE_MS,
            id -> {
              if (!response.closed()) {
                response.write(": keep-alive\n\n");
              }
            });
    response.closeHandler(
        v -> {
          unsubscribe.run();
          vertx.cancelTimer(keepAlive);
        });
  }

  private static void deliver(HttpServerResponse response, NodeEvent event) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (response.writeQueueFull()) {
      response.reset();
      return;
    }
    response.write(event.wire());
  }
}
