package org.openvpp.bridge.verify;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.bridge.protocol.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a rejection at most once per device and period; the counters keep the full count. */
public final class RejectionLog {
  private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
  private static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final long periodMs;
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  public RejectionLog(Clock clock, long periodMs) {
    this.clock = clock;
    this.periodMs = periodMs;
  }

  /** Returns true if this call logged (false when suppressed). */
  public boolean log(String device, RejectionReason reason, String detail) {
    long now = clock.millis();
    Long last = lastLogged.get(device);
    if (last != null && now - last < periodMs) {
      return false;
    }
    if (lastLogged.size() > MAX_TRACKED) {
      lastLogged.clear();
    }
    lastLogged.put(device, now);
    LOG.warn(
        "rejected payload from device {}: {} ({}); further rejections of this device are counted"
            + " but not logged for {} s",
        device,
        reason,
        detail,
        periodMs / 1000);
    return true;
  }
}
