package org.openvpp.node.p2p.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the configured bootstrap peers connected: dials them at start and, whenever a dial fails or
 * a connection drops, redials after an exponential backoff with jitter (reset on success).
 */
public final class Bootstrapper implements ConnectionListener {
  private static final Logger LOG = LoggerFactory.getLogger(Bootstrapper.class);
  private final Libp2pHost host;
  private final List<Multiaddr> peers;
  private final Map<Multiaddr, Long> backoffMs = new HashMap<>();
  private final Map<Multiaddr, Long> timers = new HashMap<>();
  private boolean stopped;

  public Bootstrapper(Libp2pHost host) {
    this.host = host;
    this.peers = host.config().bootstrap();
    host.addConnectionListener(this);
  }

  /** Starts dialing; must run on the host's context. */
  public void start() {
    peers.forEach(this::dial);
  }

  public void stop() {
    stopped = true;
    timers.values().forEach(host.vertx()::cancelTimer);
    timers.clear();
  }

  /** Current backoff before the next redial of {@code address}, for tests and diagnostics. */
  public long backoffMs(Multiaddr address) {
    return backoffMs.getOrDefault(address, 0L);
  }

  private void dial(Multiaddr address) {
    timers.remove(address);
    if (stopped || address.peerId().flatMap(host::connection).isPresent()) {
      return;
    }
    host.dial(address)
        .onSuccess(c -> backoffMs.remove(address))
        .onFailure(
            e -> {
              LOG.warn("bootstrap peer {} unreachable ({}); will retry", address, e.getMessage());
              scheduleRedial(address);
            });
  }

  private void scheduleRedial(Multiaddr address) {
    if (stopped || timers.containsKey(address)) {
      return;
    }
    HostConfig c = host.config();
    long next =
        Math.min(
            c.reconnectMaxBackoffMs(),
            backoffMs.containsKey(address)
                ? backoffMs.get(address) * 2
                : c.reconnectInitialBackoffMs());
    backoffMs.put(address, next);
    long jittered = next / 2 + ThreadLocalRandom.current().nextLong(next / 2 + 1);
    timers.put(address, host.vertx().setTimer(Math.max(1, jittered), t -> dial(address)));
  }

  @Override
  public void onConnected(Connection connection) {
    // nothing: success resets the backoff where the dial completes
  }

  @Override
  public void onDisconnected(Connection connection) {
    PeerId peer = connection.remotePeer();
    if (host.connection(peer).isPresent()) {
      return;
    }
    peers.stream()
        .filter(a -> a.peerId().map(peer::equals).orElse(false))
        .forEach(this::scheduleRedial);
  }
}
