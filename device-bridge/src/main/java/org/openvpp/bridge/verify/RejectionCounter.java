package org.openvpp.bridge.verify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.openvpp.bridge.protocol.RejectionReason;

/** Counts rejected payloads per reason as Micrometer counter {@code vpp.bridge.rejected}. */
public final class RejectionCounter {
  private final Map<RejectionReason, Counter> counters = new EnumMap<>(RejectionReason.class);

  public RejectionCounter(MeterRegistry registry) {
    for (RejectionReason reason : RejectionReason.values()) {
      counters.put(
          reason,
          Counter.builder("vpp.bridge.rejected")
              .description("device payloads rejected by the bridge")
              .tag("reason", reason.name())
              .register(registry));
    }
  }

  public void increment(RejectionReason reason) {
    counters.get(reason).increment();
  }

  public long count(RejectionReason reason) {
    return (long) counters.get(reason).count();
  }

  public long total() {
    return counters.values().stream().mapToLong(c -> (long) c.count()).sum();
  }
}
