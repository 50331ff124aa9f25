package org.openvpp.node.chain;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import java.time.Duration;
import org.openvpp.node.timer.PeriodicPass;
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
  private PeriodicPass<ChainFollower.PollResult> polls;

  public ChainFollowerVerticle(ChainFollower follower, Duration pollInterval) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
    }
    this.follower = follower;
    this.pollInterval = pollInterval;
  }

  @Override
  public void start(Promise<Void> started) {
    polls =
        new PeriodicPass<>(
            vertx,
            pollInterval,
            follower::poll,
            done -> {
              if (done.failed()) {
                LOG.warn(
                    "chain poll failed, retrying in {} ms: {}",
                    pollInterval.toMillis(),
                    done.cause().toString());
              } else if (done.result().applied() + done.result().undone() > 0) {
                LOG.debug("chain poll: {}", done.result());
              }
            });
    polls.start();
    started.complete();
  }

  /** Waits for a poll in flight, so the database is never closed under it. */
  @Override
  public void stop(Promise<Void> stopped) {
    if (polls == null) {
      stopped.complete();
    } else {
      polls.stop(stopped);
    }
  }
}
