package org.openvpp.bridge.verify;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.openvpp.bridge.protocol.SignedReading;

/**
 * Last accepted cursor per device (loaded from the store at start, advanced by the verifier), and
 * the few most recently accepted readings of each device, which may not be stored yet: they answer
 * duplicates and place late readings while their successors are still in the write queue.
 */
public final class CursorTable {
  private static final int RECENT_PER_DEVICE = 32;

  private final Map<String, DeviceCursor> cursors = new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<Long, SignedReading>> recent = new ConcurrentHashMap<>();

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

  /** Remembers an accepted reading (bounded per device). */
  public void remember(SignedReading signed) {
    NavigableMap<Long, SignedReading> m =
        recent.computeIfAbsent(signed.reading().device(), d -> new ConcurrentSkipListMap<>());
    m.put(signed.reading().sequence(), signed);
    while (m.size() > RECENT_PER_DEVICE) {
      m.pollFirstEntry();
    }
  }

  public Optional<SignedReading> recent(String device, long sequence) {
    return Optional.ofNullable(recent.getOrDefault(device, EMPTY).get(sequence));
  }

  public Optional<SignedReading> recentBefore(String device, long sequence) {
    return Optional.ofNullable(recent.getOrDefault(device, EMPTY).lowerEntry(sequence))
        .map(Map.Entry::getValue);
  }

  public Optional<SignedReading> recentAfter(String device, long sequence) {
    return Optional.ofNullable(recent.getOrDefault(device, EMPTY).higherEntry(sequence))
        .map(Map.Entry::getValue);
  }

  private static final NavigableMap<Long, SignedReading> EMPTY = new ConcurrentSkipListMap<>();

  /** Replaces every cursor (after a failed write: back to what is durable). */
  public void reset(Map<String, DeviceCursor> durable) {
    cursors.clear();
    cursors.putAll(durable);
    recent.clear();
  }

  public int size() {
    return cursors.size();
  }
}
