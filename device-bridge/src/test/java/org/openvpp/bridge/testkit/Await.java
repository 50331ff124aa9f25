package org.openvpp.bridge.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition with a deadline (for real-time integration tests only). */
public final class Await {
  private Await() {}

  public static void until(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      MosquittoBroker.sleep(20);
    }
  }
}
