package org.openvpp.node.p2p;

import io.vertx.core.Future;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.gossip.GossipMessage;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.reqresp.RequestResponseProtocol;
import org.openvpp.node.p2p.reqresp.Response;

/**
 * What the node needs from the peer-to-peer layer. The only p2p type the rest of the node should
 * hold, so the implementation can move to its own module or give way to jvm-libp2p.
 */
public interface P2pNetwork {
  PeerId peerId();

  /** Where peers can dial us (with our {@code /p2p} part). */
  Multiaddr listenAddress();

  Future<Void> start();

  Future<Void> stop();

  Future<PeerId> connect(Multiaddr address);

  Set<PeerId> connectedPeers();

  /** Delivers validated, deduplicated messages of {@code topic} to {@code handler}. */
  Future<Void> subscribe(String topic, Consumer<GossipMessage> handler);

  /** Signs and publishes; resolves to the number of peers it was sent to. */
  Future<Integer> publish(String topic, byte[] data);

  /** Serves a request/response protocol; the handler runs on the event loop and must not block. */
  void serve(
      RequestResponseProtocol protocol, BiFunction<PeerId, byte[], Future<Response>> handler);

  Future<Response> request(RequestResponseProtocol protocol, PeerId peer, byte[] request);

  P2pMetrics metrics();
}
