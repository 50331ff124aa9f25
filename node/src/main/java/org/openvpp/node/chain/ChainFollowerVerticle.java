package org.openvpp.node.chain;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ChainFollower} on a timer. Each poll runs on a worker thread (JSON-RPC and JDBC
 * block); a poll still running when the timer fires again is not doubled. A failed poll is logged
 * and retried at the next tick; the cursor only moves on committed blocks.
 */
public final class ChainFollowerVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(ChainFollowerVerticle.class);

  private final ChainFollower follower;
  private final Duration pollInterval;
  private final AtomicBoolean polling = new AtomicBoolean();
  private long timer = -1;

  public ChainFollowerVerticle(ChainFollower follower, Duration pollInterval) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
    }
    this.follower = follower;
    this.pollInterval = pollInterval;
  }

  @Override
  public void start(Promise<Void> started) {
    timer = vertx.setPeriodic(0, pollInterval.toMillis(), id -> pollOnWorker());
    started.complete();
  }

  @Override
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void pollOnWorker() {
    if (!polling.compareAndSet(false, true)) {
      return;
    }
    vertx
        .<ChainFollower.PollResult>executeBlocking(follower::poll, false)
        .onComplete(
            done -> {
              polling.set(false);
              if (done.failed()) {
                LOG.warn(
                    "chain poll failed, retrying in {} ms: {}",
                    pollInterval.toMillis(),
                    done.cause().toString());
              } else if (done.result().applied() + done.result().undone() > 0) {
                LOG.debug("chain poll: {}", done.result());
              }
            });
  }
}
