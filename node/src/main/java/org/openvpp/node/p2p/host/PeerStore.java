package org.openvpp.node.p2p.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.multiaddr.Multiaddr;

/** What the host knows about peers: addresses to dial, protocols and agent from identify. */
public final class PeerStore {
  /** One peer's record. */
  public record PeerRecord(List<Multiaddr> addresses, List<String> protocols, String agent) {
    public PeerRecord {
      addresses = List.copyOf(addresses);
      protocols = List.copyOf(protocols);
    }
  }

  private static final int MAX_ADDRESSES = 16;
  private final Map<PeerId, PeerRecord> peers = new ConcurrentHashMap<>();

  public void addAddress(PeerId peer, Multiaddr address) {
    Multiaddr bare = address.withoutPeerId();
    peers.merge(
        peer,
        new PeerRecord(List.of(bare), List.of(), ""),
        (old, add) -> {
          if (old.addresses().contains(bare) || old.addresses().size() >= MAX_ADDRESSES) {
            return old;
          }
          List<Multiaddr> more = new ArrayList<>(old.addresses());
          more.add(bare);
          return new PeerRecord(more, old.protocols(), old.agent());
        });
  }

  public void identified(
      PeerId peer, List<Multiaddr> addresses, List<String> protocols, String agent) {
    List<Multiaddr> bare =
        addresses.stream().map(Multiaddr::withoutPeerId).distinct().limit(MAX_ADDRESSES).toList();
    peers.put(peer, new PeerRecord(bare, protocols, agent));
  }

  public Optional<PeerRecord> get(PeerId peer) {
    return Optional.ofNullable(peers.get(peer));
  }

  public Set<PeerId> peers() {
    return Set.copyOf(peers.keySet());
  }
}
