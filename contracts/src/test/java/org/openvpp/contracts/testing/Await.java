package org.openvpp.contracts.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The one way tests wait for something that happens in real time (a peer, a broker, a process):
 * poll a condition until it holds, fail with what was awaited once the deadline passes. Polling
 * starts fast and backs off, so a quick event costs milliseconds and a slow one under a loaded CI
 * machine still gets the whole deadline; never a fixed sleep that is too short on a busy machine
 * and too long on an idle one. Chain time is not waited for: it moves with {@code Anvil.warpTo}.
 */
public final class Await {
  /** Generous on purpose: a deadline is a hang detector, not a performance assertion. */
  public static final Duration DEFAULT = Duration.ofSeconds(30);

  private static final long FIRST_PAUSE_MS = 5;
  private static final long MAX_PAUSE_MS = 100;

  private Await() {}

  /** A condition that may throw; a throw counts as "not yet" until the deadline. */
  @FunctionalInterface
  public interface Condition {
    boolean met() throws Exception;
  }

  /** An action repeated before every check, e.g. re-publishing until a peer hears it. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  public static void until(Condition condition, String what) {
    until(DEFAULT, condition, what);
  }

  public static void until(Duration timeout, Condition condition, String what) {
    repeatUntil(timeout, () -> {}, condition, what);
  }

  /** Runs {@code action}, then checks {@code condition}, until it holds or the deadline passes. */
  public static void repeatUntil(
      Duration timeout, Action action, Condition condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_MS;
    Exception last = null;
    while (true) {
      try {
        action.run();
        if (condition.met()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
      }
      pause(pause, what);
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }

  /** Polls {@code value} until it returns non-null, and returns it. */
  public static <T> T value(Duration timeout, Callable<T> value, String what) {
    Object[] found = new Object[1];
    until(
        timeout,
        () -> {
          found[0] = value.call();
          return found[0] != null;
        },
        what);
    @SuppressWarnings("unchecked")
    T t = (T) found[0];
    return t;
  }

  private static void pause(long ms, String what) {
    try {
      Thread.sleep(ms); // the poll interval, the only sleep tests may use
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }
}
