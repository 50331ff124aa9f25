package org.openvpp.gateway.adapter;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of failures per device and reason. */
public final class FailureCounts {
  private final ConcurrentMap<String, Map<FailureReason, LongAdder>> counts =
      new ConcurrentHashMap<>();

  public void count(String localId, FailureReason reason) {
    counts
        .computeIfAbsent(localId, id -> new ConcurrentHashMap<>())
        .computeIfAbsent(reason, r -> new LongAdder())
        .increment();
  }

  public long get(String localId, FailureReason reason) {
    LongAdder a = counts.getOrDefault(localId, Map.of()).get(reason);
    return a == null ? 0 : a.sum();
  }

  /** Sum over all devices. */
  public long total(FailureReason reason) {
    return counts.values().stream()
        .map(m -> m.get(reason))
        .filter(a -> a != null)
        .mapToLong(LongAdder::sum)
        .sum();
  }

  /** A copy: device → reason → count (for the API and logs). */
  public Map<String, Map<FailureReason, Long>> snapshot() {
    Map<String, Map<FailureReason, Long>> out = new TreeMap<>();
    counts.forEach(
        (id, m) -> {
          Map<FailureReason, Long> per = new EnumMap<>(FailureReason.class);
          m.forEach((r, a) -> per.put(r, a.sum()));
          out.put(id, per);
        });
    return out;
  }
}
