package org.openvpp.node.p2p.gossip;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.yamux.YamuxStream;

/** What the router tracks per gossip peer. Touched only on the host's event loop. */
final class PeerState {
  private static final int MAX_QUEUED_RPCS = 64;
  static final int MAX_TOPICS = 128;
  static final int MAX_REOPENS = 3;

  final PeerId id;
  final Connection connection;
  final Set<String> topics = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final Map<String, Long> backoffUntilMs = new HashMap<>();
  private final Deque<Buffer> queued = new ArrayDeque<>();
  private YamuxStream outbound;
  double score;
  int reopenAttempts;
  private long rateWindowStartMs;
  private int rateCount;

  PeerState(PeerId id, Connection connection) {
    this.id = id;
    this.connection = connection;
  }

  void send(Rpc rpc) {
    Buffer frame = ByteQueue.lengthPrefixed(rpc.encode());
    if (outbound != null) {
      outbound.write(frame);
    } else if (queued.size() < MAX_QUEUED_RPCS) {
      queued.add(frame);
    }
  }

  /** RPCs waiting for the outbound stream (visible to tests). */
  int queuedRpcs() {
    return queued.size();
  }

  /** Takes the queued RPC frames (tests inspect what the router would have sent). */
  java.util.List<Buffer> drainQueued() {
    java.util.List<Buffer> out = new java.util.ArrayList<>(queued);
    queued.clear();
    return out;
  }

  void outboundReady(YamuxStream stream) {
    outbound = stream;
    while (!queued.isEmpty()) {
      stream.write(queued.poll());
    }
  }

  /** Forgets the sending stream if it is {@code stream}; later RPCs queue until a new one. */
  void outboundLost(YamuxStream stream) {
    if (outbound == stream) {
      outbound = null;
    }
  }

  YamuxStream outbound() {
    return outbound;
  }

  boolean inBackoff(String topic, long nowMs) {
    return backoffUntilMs.getOrDefault(topic, 0L) > nowMs;
  }

  /** Counts one message; false once the peer exceeds {@code perSecond} in the current second. */
  boolean withinRate(long nowMs, int perSecond) {
    if (nowMs - rateWindowStartMs >= 1000) {
      rateWindowStartMs = nowMs;
      rateCount = 0;
    }
    return ++rateCount <= perSecond;
  }

  void close() {
    if (outbound != null) {
      outbound.close();
    }
  }
}
