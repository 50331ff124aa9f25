package org.openvpp.node.outbox;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public OutboxVerticle(TransactionOutbox outbox, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.outbox = outbox;
    this.interval = interval;
  }

  @Override
  public void start(Promise<Void> started) {
    timer = vertx.setPeriodic(0, interval.toMillis(), id -> stepOnWorker());
    started.complete();
  }

  @Override
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Persists an intent (idempotent by key); the next pass sends it. */
  public Future<IntentStatus> enqueue(Intent intent) {
    return vertx.executeBlocking(() -> outbox.enqueue(intent), false);
  }

  private void stepOnWorker() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    vertx
        .<Void>executeBlocking(
            () -> {
              outbox.step();
              return null;
            },
            false)
        .onComplete(
            done -> {
              running.set(false);
              if (done.failed()) {
                LOG.warn(
                    "outbox pass failed, retrying in {} ms: {}",
                    interval.toMillis(),
                    done.cause().toString());
              }
            });
  }
}
