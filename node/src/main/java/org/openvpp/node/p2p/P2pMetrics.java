package org.openvpp.node.p2p;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a host, readable from tests and exportable by the node's metrics endpoint. */
public final class P2pMetrics {
  private final Map<RejectReason, LongAdder> rejections = new EnumMap<>(RejectReason.class);
  private final AtomicLong connectionsOpened = new AtomicLong();
  private final AtomicLong gossipDelivered = new AtomicLong();

  public P2pMetrics() {
    for (RejectReason r : RejectReason.values()) {
      rejections.put(r, new LongAdder());
    }
  }

  public void reject(RejectReason reason) {
    rejections.get(reason).increment();
  }

  public long rejections(RejectReason reason) {
    return rejections.get(reason).sum();
  }

  public Map<RejectReason, Long> rejections() {
    Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
    rejections.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public void connectionOpened() {
    connectionsOpened.incrementAndGet();
  }

  public long connectionsOpened() {
    return connectionsOpened.get();
  }

  public void countGossipDelivered() {
    gossipDelivered.incrementAndGet();
  }

  public long gossipDelivered() {
    return gossipDelivered.get();
  }
}
