package org.openvpp.bridge.dispatch;

/**
 * How long a finished dispatch (its validity window ended) stays reportable. A node runs for
 * months: without a bound every dispatch and command it ever sent would stay in memory.
 *
 * @param keepMs a finished dispatch's report is kept this long after the window ended, ms
 * @param maxFinished at most this many finished dispatches are kept (the oldest go first)
 */
public record DispatchRetention(long keepMs, int maxFinished) {
  /** One hour, at most 1,000 finished dispatches. */
  public static final DispatchRetention DEFAULT = new DispatchRetention(3_600_000, 1_000);

  public DispatchRetention {
    if (keepMs < 1 || maxFinished < 0) {
      throw new IllegalArgumentException(
          "dispatch retention: keep >= 1 ms and max finished >= 0, got "
              + keepMs
              + " ms and "
              + maxFinished);
    }
  }
}
