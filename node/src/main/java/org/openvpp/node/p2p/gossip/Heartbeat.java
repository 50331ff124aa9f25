package org.openvpp.node.p2p.gossip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.gossip.MessageSigning.MessageId;

/**
 * The gossipsub heartbeat: keeps each mesh between D_low and D_high (GRAFT up to D, PRUNE down to
 * D), emits IHAVE gossip to D_lazy non-mesh peers, shifts the message cache, expires seen ids and
 * lets penalties decay.
 */
final class Heartbeat {
  private static final double SCORE_DECAY = 0.9;
  private final GossipRouter router;
  private final GossipConfig config;

  Heartbeat(GossipRouter router, GossipConfig config) {
    this.router = router;
    this.config = config;
  }

  void run(long nowMs) {
    for (String topic : List.copyOf(router.mesh.keySet())) {
      Set<PeerId> m = router.mesh.get(topic);
      m.removeIf(id -> !router.peers.containsKey(id) || router.peers.get(id).score < 0);
      if (m.size() < config.dLow()) {
        fillMesh(topic, nowMs);
      } else if (m.size() > config.dHigh()) {
        List<PeerId> shuffled = new ArrayList<>(m);
        Collections.shuffle(shuffled);
        for (PeerId id : shuffled.subList(config.d(), shuffled.size())) {
          m.remove(id);
          prune(router.peers.get(id), topic, nowMs);
        }
      }
      emitGossip(topic, m);
    }
    router.cache.shift();
    router.seen.expire(nowMs);
    for (PeerState p : router.peers.values()) {
      p.score = Math.abs(p.score) < 0.1 ? 0 : p.score * SCORE_DECAY;
    }
  }

  /** Grafts eligible topic peers until the mesh has D members. */
  void fillMesh(String topic, long nowMs) {
    Set<PeerId> m = router.mesh.get(topic);
    List<PeerState> candidates = new ArrayList<>();
    for (PeerState p : router.peers.values()) {
      if (p.topics.contains(topic)
          && !m.contains(p.id)
          && !p.inBackoff(topic, nowMs)
          && p.score >= 0) {
        candidates.add(p);
      }
    }
    Collections.shuffle(candidates);
    for (PeerState p : candidates) {
      if (m.size() >= config.d()) {
        break;
      }
      m.add(p.id);
      p.send(Rpc.ofControl(new Rpc.Control(List.of(), List.of(), List.of(topic), List.of())));
    }
  }

  void prune(PeerState p, String topic, long nowMs) {
    p.backoffUntilMs.put(topic, nowMs + config.pruneBackoffMs());
    p.send(
        Rpc.ofControl(
            new Rpc.Control(
                List.of(),
                List.of(),
                List.of(),
                List.of(new Rpc.Prune(topic, config.pruneBackoffMs() / 1000)))));
  }

  private void emitGossip(String topic, Set<PeerId> m) {
    List<MessageId> ids = router.cache.gossipIds(topic);
    if (ids.isEmpty()) {
      return;
    }
    List<PeerState> lazy = new ArrayList<>();
    for (Map.Entry<PeerId, PeerState> e : router.peers.entrySet()) {
      if (!m.contains(e.getKey())
          && e.getValue().topics.contains(topic)
          && e.getValue().score >= 0) {
        lazy.add(e.getValue());
      }
    }
    Collections.shuffle(lazy);
    Rpc ihave =
        Rpc.ofControl(
            new Rpc.Control(
                List.of(new Rpc.IHave(topic, ids.stream().map(MessageId::bytes).toList())),
                List.of(),
                List.of(),
                List.of()));
    lazy.stream().limit(config.dLazy()).forEach(p -> p.send(ihave));
  }
}
