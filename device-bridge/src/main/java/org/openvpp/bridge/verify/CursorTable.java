package org.openvpp.bridge.verify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Last accepted cursor per device; loaded from the store at start, advanced by the verifier. */
public final class CursorTable {
  private final Map<String, DeviceCursor> cursors = new ConcurrentHashMap<>();

  public CursorTable() {}

  public CursorTable(Map<String, DeviceCursor> initial) {
    cursors.putAll(initial);
  }

  public Optional<DeviceCursor> get(String device) {
    return Optional.ofNullable(cursors.get(device));
  }

  public void put(String device, DeviceCursor cursor) {
    cursors.put(device, cursor);
  }

  /** Replaces every cursor (after a failed write: back to what is durable). */
  public void reset(Map<String, DeviceCursor> durable) {
    cursors.clear();
    cursors.putAll(durable);
  }

  public int size() {
    return cursors.size();
  }
}
