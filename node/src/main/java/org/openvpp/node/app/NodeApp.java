package org.openvpp.node.app;

import io.vertx.core.Future;
import io.vertx.core.Verticle;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the node's parts one after the other and undeploys them in reverse. When a part fails to
 * start, the parts already running are stopped again before the failure is reported, so a failed
 * start leaves nothing behind.
 */
public final class NodeApp {
  private static final Logger LOG = LoggerFactory.getLogger(NodeApp.class);

  private final NodeContext context;
  private final List<NodePart> parts;
  private final Deque<Running> running = new ArrayDeque<>();

  public NodeApp(NodeContext context, List<NodePart> parts) {
    this.context = context;
    this.parts = List.copyOf(parts);
  }

  private record Running(String name, String deploymentId) {}

  /** A part that did not start; the message names it. */
  public static final class PartFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PartFailedException(String part, Throwable cause) {
      super(part + " failed to start: " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
      StringBuilder s = new StringBuilder();
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        s.append(s.length() == 0 ? "" : ": ")
            .append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
      }
      return s.toString();
    }
  }

  /** Starts every part in order; on a failure, stops the started ones and fails. */
  public Future<Void> start() {
    Future<Void> chain = Future.succeededFuture();
    for (NodePart part : parts) {
      chain = chain.compose(v -> startPart(part));
    }
    return chain.recover(
        failure -> {
          LOG.error("{}; stopping the parts already started", failure.getMessage());
          return stop().transform(ignored -> Future.<Void>failedFuture(failure));
        });
  }

  private Future<Void> startPart(NodePart part) {
    LOG.info("starting {}", part.name());
    long t0 = System.nanoTime();
    Verticle verticle;
    try {
      verticle = part.create(context);
    } catch (RuntimeException e) {
      return Future.failedFuture(new PartFailedException(part.name(), e));
    }
    return context
        .vertx()
        .deployVerticle(verticle)
        .recover(e -> Future.failedFuture(new PartFailedException(part.name(), e)))
        .map(
            id -> {
              synchronized (running) {
                running.push(new Running(part.name(), id));
              }
              LOG.info("started {} in {} ms", part.name(), (System.nanoTime() - t0) / 1_000_000);
              return null;
            });
  }

  /**
   * Stops the running parts, last started first. A part that fails to stop is logged and the others
   * are still stopped; the future fails if any did.
   */
  public Future<Void> stop() {
    Future<Boolean> chain = Future.succeededFuture(true);
    while (true) {
      Running r;
      synchronized (running) {
        r = running.poll();
      }
      if (r == null) {
        break;
      }
      chain = chain.compose(clean -> stopPart(r).map(ok -> clean && ok));
    }
    return chain.compose(
        clean ->
            clean
                ? Future.succeededFuture()
                : Future.failedFuture("a part failed to stop (see the log above)"));
  }

  private Future<Boolean> stopPart(Running r) {
    LOG.info("stopping {}", r.name());
    long t0 = System.nanoTime();
    return context
        .vertx()
        .undeploy(r.deploymentId())
        .map(
            v -> {
              LOG.info("stopped {} in {} ms", r.name(), (System.nanoTime() - t0) / 1_000_000);
              return true;
            })
        .otherwise(
            e -> {
              LOG.error("{} did not stop cleanly: {}", r.name(), e.toString());
              return false;
            });
  }
}
