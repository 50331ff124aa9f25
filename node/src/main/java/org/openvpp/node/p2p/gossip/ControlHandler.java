package org.openvpp.node.p2p.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.gossip.MessageSigning.MessageId;

/** Applies a peer's GRAFT, PRUNE, IHAVE and IWANT. */
final class ControlHandler {
  /** Bounds the work one RPC can cause. */
  private static final int MAX_IWANT_PER_RPC = 500;

  private final GossipRouter router;
  private final GossipConfig config;

  ControlHandler(GossipRouter router, GossipConfig config) {
    this.router = router;
    this.config = config;
  }

  void handle(PeerState p, Rpc.Control c, long nowMs) {
    List<String> refuse = new ArrayList<>();
    for (String topic : c.graft()) {
      // Not subscribed, still in backoff, or misbehaving: answer with PRUNE (v1.1).
      boolean ok = router.subscribed(topic) && !p.inBackoff(topic, nowMs) && p.score >= 0;
      if (ok) {
        router.mesh.get(topic).add(p.id);
      } else {
        refuse.add(topic);
      }
    }
    for (Rpc.Prune prune : c.prune()) {
      Set<PeerId> m = router.mesh.get(prune.topic());
      if (m != null) {
        m.remove(p.id);
      }
      long backoff =
          prune.backoffSeconds() > 0 ? prune.backoffSeconds() * 1000 : config.pruneBackoffMs();
      p.backoffUntilMs.put(prune.topic(), nowMs + backoff);
    }
    List<byte[]> want = new ArrayList<>();
    for (Rpc.IHave have : c.ihave()) {
      if (!router.subscribed(have.topic())) {
        continue;
      }
      for (byte[] id : have.messageIds()) {
        if (want.size() < MAX_IWANT_PER_RPC && !router.seen.contains(new MessageId(id))) {
          want.add(id);
        }
      }
    }
    List<PubMessage> give = new ArrayList<>();
    for (byte[] id : c.iwant()) {
      if (give.size() >= MAX_IWANT_PER_RPC) {
        break;
      }
      router.cache.get(new MessageId(id)).ifPresent(give::add);
    }
    reply(p, refuse, want, give, nowMs);
  }

  private void reply(
      PeerState p, List<String> refuse, List<byte[]> want, List<PubMessage> give, long nowMs) {
    List<Rpc.Prune> prunes = new ArrayList<>();
    for (String topic : refuse) {
      prunes.add(new Rpc.Prune(topic, config.pruneBackoffMs() / 1000));
      p.backoffUntilMs.put(topic, nowMs + config.pruneBackoffMs());
    }
    if (!prunes.isEmpty() || !want.isEmpty()) {
      p.send(Rpc.ofControl(new Rpc.Control(List.of(), want, List.of(), prunes)));
    }
    if (!give.isEmpty()) {
      p.send(Rpc.ofMessages(give));
    }
  }
}
