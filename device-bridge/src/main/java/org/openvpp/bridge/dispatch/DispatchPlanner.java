package org.openvpp.bridge.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvpp.bridge.fleet.DeviceState;

/**
 * Splits a power change (W, + = more export / less import, relative to each device's baseline) over
 * devices in proportion to each device's headroom in that direction (rated power capped by the
 * device's published limits), never above any headroom.
 */
public final class DispatchPlanner {
  private DispatchPlanner() {}

  /** Allocations whose sum is the target, or every headroom if the fleet cannot cover it. */
  public static List<Allocation> split(
      long targetW, List<DeviceState> fleet, Set<String> excluded) {
    return split(targetW, fleet, excluded, Map.of());
  }

  /**
   * As {@link #split(long, List, Set)}, with part of each device's headroom already used ({@code
   * used}: device → W already allocated in the same direction, as a magnitude).
   */
  public static List<Allocation> split(
      long targetW, List<DeviceState> fleet, Set<String> excluded, Map<String, Long> used) {
    List<DeviceState> candidates = new ArrayList<>();
    List<Long> headroom = new ArrayList<>();
    long total = 0;
    for (DeviceState d : fleet) {
      long h =
          (targetW >= 0 ? d.upHeadroomW() : d.downHeadroomW()) - used.getOrDefault(d.device(), 0L);
      if (d.online() && h > 0 && !excluded.contains(d.device())) {
        candidates.add(d);
        headroom.add(h);
        total += h;
      }
    }
    long want = Math.min(Math.abs(targetW), total);
    if (want == 0) {
      return List.of();
    }
    long[] share = new long[candidates.size()];
    long given = 0;
    for (int i = 0; i < share.length; i++) {
      share[i] = (long) Math.floor((double) want * headroom.get(i) / total);
      share[i] = Math.min(share[i], headroom.get(i));
      given += share[i];
    }
    for (int i = 0; i < share.length && given < want; i++) {
      long extra = Math.min(headroom.get(i) - share[i], want - given);
      share[i] += extra;
      given += extra;
    }
    long sign = targetW >= 0 ? 1 : -1;
    List<Allocation> out = new ArrayList<>();
    for (int i = 0; i < share.length; i++) {
      if (share[i] > 0) {
        out.add(new Allocation(candidates.get(i).device(), sign * share[i]));
      }
    }
    return out;
  }
}
