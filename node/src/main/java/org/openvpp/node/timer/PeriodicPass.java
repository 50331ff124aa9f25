package org.openvpp.node.timer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Blocking work run on a timer, each pass on a worker thread and never two at once; a tick that
 * finds a pass still running is skipped. {@link #stop} cancels the timer and completes only when
 * the pass in flight has ended, so the node never closes the database or Vert.x under a running
 * pass (which then failed with "event executor terminated" on every shutdown).
 */
public final class PeriodicPass<T> {
  private final Vertx vertx;
  private final Duration interval;
  private final Callable<T> pass;
  private final Consumer<io.vertx.core.AsyncResult<T>> onDone;
  private long timer = -1;
  private Future<T> inFlight; // touched on the verticle's context only
  private boolean stopped;

  /**
   * @param onDone called on the verticle's context after each pass (log the failure, say)
   */
  public PeriodicPass(
      Vertx vertx,
      Duration interval,
      Callable<T> pass,
      Consumer<io.vertx.core.AsyncResult<T>> onDone) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.vertx = vertx;
    this.interval = interval;
    this.pass = pass;
    this.onDone = onDone;
  }

  /** Starts the timer; the first pass runs at once. Call from the verticle's start. */
  public void start() {
    timer = vertx.setPeriodic(0, interval.toMillis(), id -> tick());
  }

  /** Cancels the timer; {@code stopped} completes when no pass runs any more. */
  public void stop(Promise<Void> stopped) {
    this.stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Future<T> running = inFlight;
    if (running == null) {
      stopped.complete();
    } else {
      running.<Void>transform(done -> Future.succeededFuture()).onComplete(stopped);
    }
  }

  private void tick() {
    if (inFlight != null || stopped) {
      return;
    }
    Future<T> f = vertx.executeBlocking(pass, false);
    inFlight = f;
    f.onComplete(
        done -> {
          inFlight = null;
          onDone.accept(done);
        });
  }
}
