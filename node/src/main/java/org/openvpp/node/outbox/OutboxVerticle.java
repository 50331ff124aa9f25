package org.openvpp.node.outbox;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import org.openvpp.node.timer.PeriodicPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link TransactionOutbox} on a timer, each pass on a worker thread, never two at once.
 * Other verticles enqueue through {@link #enqueue}, which also runs on a worker thread.
 */
public final class OutboxVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxVerticle.class);

  private final TransactionOutbox outbox;
  private final Duration interval;
  private PeriodicPass<Void> passes;

  public OutboxVerticle(TransactionOutbox outbox, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.outbox = outbox;
    this.interval = interval;
  }

  @Override
  public void start(Promise<Void> started) {
    passes =
        new PeriodicPass<>(
            vertx,
            interval,
            () -> {
              outbox.step();
              return null;
            },
            done -> {
              if (done.failed()) {
                LOG.warn(
                    "outbox pass failed, retrying in {} ms: {}",
                    interval.toMillis(),
                    done.cause().toString());
              }
            });
    passes.start();
    started.complete();
  }

  /** Waits for a pass in flight, so the database is never closed under it. */
  @Override
  public void stop(Promise<Void> stopped) {
    if (passes == null) {
      stopped.complete();
    } else {
      passes.stop(stopped);
    }
  }

  /** Persists an intent (idempotent by key); the next pass sends it. */
  public Future<IntentStatus> enqueue(Intent intent) {
    return vertx.executeBlocking(() -> outbox.enqueue(intent), false);
  }
}
