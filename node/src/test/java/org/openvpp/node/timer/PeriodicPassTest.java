package org.openvpp.node.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;

class PeriodicPassTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void stopCompletesOnlyAfterThePassInFlightAndNoPassStartsAfterIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    PeriodicPass<Void> pass =
        new PeriodicPass<>(
            vertx,
            Duration.ofMillis(10),
            () -> {
              started.incrementAndGet();
              release.await(10, TimeUnit.SECONDS);
              finished.incrementAndGet();
              return null;
            },
            done -> {});
    vertx.runOnContext(v -> pass.start());
    Await.until(Duration.ofSeconds(10), () -> started.get() == 1, "the first pass running");

    Promise<Void> stopped = Promise.promise();
    vertx.runOnContext(v -> pass.stop(stopped));
    // Ticks keep firing every 10 ms: none may start a second pass, and stop must not complete.
    assertThatThrownBy(
            () ->
                stopped
                    .future()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(started.get()).isEqualTo(1);

    release.countDown();
    stopped.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(finished.get()).isEqualTo(1);
    assertThat(started.get()).as("no pass after stop").isEqualTo(1);
  }

  @Test
  void aFailedPassIsReportedAndTheNextTickRunsAgain() {
    AtomicInteger passes = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    PeriodicPass<Void> pass =
        new PeriodicPass<>(
            vertx,
            Duration.ofMillis(10),
            () -> {
              passes.incrementAndGet();
              throw new IllegalStateException("chain unreachable");
            },
            done -> {
              if (done.failed()) {
                failures.incrementAndGet();
              }
            });
    vertx.runOnContext(v -> pass.start());
    Await.until(Duration.ofSeconds(10), () -> failures.get() >= 3, "three failed passes reported");
    assertThat(passes.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void refusesANonPositiveInterval() {
    assertThatThrownBy(() -> new PeriodicPass<Void>(vertx, Duration.ZERO, () -> null, d -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
