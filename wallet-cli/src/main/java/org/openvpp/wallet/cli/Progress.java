package org.openvpp.wallet.cli;

import java.io.PrintWriter;

/**
 * Progress of long operations on stderr, so stdout stays a clean table or JSON document. Lines are
 * rate-limited: a 10,000-device batch prints a handful, not 10,000.
 */
public final class Progress {
  private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private long lastPrint;

  public Progress(PrintWriter err) {
    this.err = err;
  }

  /** Prints at once. */
  public void say(String line) {
    err.println(line);
    err.flush();
    lastPrint = System.nanoTime();
  }

  /** Prints {@code what done/total}, at most once a second and always at the end. */
  public void count(String what, int done, int total) {
    long now = System.nanoTime();
    if (done == total || now - lastPrint >= MIN_INTERVAL_NANOS) {
      say(String.format("%s %,d/%,d", what, done, total));
    }
  }
}
