package org.openvpp.node.p2p.gossip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvpp.node.p2p.gossip.MessageSigning.MessageId;

/** Message ids seen recently, so each message is delivered and forwarded at most once. */
final class SeenCache {
  private final long ttlMs;
  private final Map<MessageId, Long> seenAt = new LinkedHashMap<>();

  SeenCache(long ttlMs) {
    this.ttlMs = ttlMs;
  }

  /** True when the id is new (and records it). */
  boolean add(MessageId id, long nowMs) {
    return seenAt.putIfAbsent(id, nowMs) == null;
  }

  boolean contains(MessageId id) {
    return seenAt.containsKey(id);
  }

  /** Forgets ids older than the TTL (insertion order is time order). */
  void expire(long nowMs) {
    Iterator<Map.Entry<MessageId, Long>> it = seenAt.entrySet().iterator();
    while (it.hasNext() && nowMs - it.next().getValue() > ttlMs) {
      it.remove();
    }
  }

  int size() {
    return seenAt.size();
  }
}
