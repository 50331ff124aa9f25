package org.openvpp.node.p2p.gossip;

/**
 * Gossipsub v1.1 parameters (names as in the spec).
 *
 * @param d target mesh degree
 * @param dLow below this the heartbeat grafts
 * @param dHigh above this the heartbeat prunes down to {@code d}
 * @param dLazy peers that get IHAVE gossip per heartbeat
 * @param heartbeatMs heartbeat interval
 * @param historyLength heartbeats a message stays in the message cache
 * @param historyGossip heartbeats of the cache advertised in IHAVE
 * @param seenTtlMs how long a message id is remembered to drop duplicates
 * @param pruneBackoffMs no re-GRAFT to a peer that pruned us for this long
 * @param maxMessageBytes larger RPCs are rejected
 * @param maxMessagesPerSecond a peer above this rate is penalized and pruned
 */
public record GossipConfig(
    int d,
    int dLow,
    int dHigh,
    int dLazy,
    long heartbeatMs,
    int historyLength,
    int historyGossip,
    long seenTtlMs,
    long pruneBackoffMs,
    int maxMessageBytes,
    int maxMessagesPerSecond) {
  public GossipConfig {
    if (!(0 < dLow && dLow <= d && d <= dHigh)
        || heartbeatMs < 1
        || historyGossip > historyLength) {
      throw new IllegalArgumentException("inconsistent gossipsub parameters");
    }
  }

  public static GossipConfig defaults() {
    return new GossipConfig(6, 4, 12, 6, 1_000, 5, 3, 120_000, 60_000, 1 << 20, 500);
  }

  public GossipConfig withHeartbeatMs(long ms) {
    return new GossipConfig(
        d,
        dLow,
        dHigh,
        dLazy,
        ms,
        historyLength,
        historyGossip,
        seenTtlMs,
        pruneBackoffMs,
        maxMessageBytes,
        maxMessagesPerSecond);
  }

  public GossipConfig withMaxMessagesPerSecond(int rate) {
    return new GossipConfig(
        d,
        dLow,
        dHigh,
        dLazy,
        heartbeatMs,
        historyLength,
        historyGossip,
        seenTtlMs,
        pruneBackoffMs,
        maxMessageBytes,
        rate);
  }
}
