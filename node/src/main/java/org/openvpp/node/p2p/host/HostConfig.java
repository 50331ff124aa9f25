package org.openvpp.node.p2p.host;

import java.util.List;
import java.util.Objects;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.gossip.GossipConfig;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.yamux.YamuxSession;

/**
 * Sealed configuration of a host. Use {@link #builder(PrivateKey)}; defaults suit a node on the
 * public network.
 *
 * @param listen where to accept TCP connections ({@code /ip4/…/tcp/…}; port 0 picks one)
 * @param bootstrap peers dialed at start and redialed with backoff while disconnected
 * @param maxConnections connections beyond this are refused (counted as CONNECTION_LIMIT)
 */
public record HostConfig(
    PrivateKey identity,
    Multiaddr listen,
    List<Multiaddr> bootstrap,
    int maxConnections,
    long handshakeTimeoutMs,
    long negotiationTimeoutMs,
    YamuxSession.Limits yamuxLimits,
    long reconnectInitialBackoffMs,
    long reconnectMaxBackoffMs,
    String agentVersion,
    GossipConfig gossip) {
  public HostConfig {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(listen, "listen");
    bootstrap = List.copyOf(bootstrap);
    if (maxConnections < 1 || handshakeTimeoutMs < 1 || negotiationTimeoutMs < 1) {
      throw new IllegalArgumentException("limits and timeouts must be positive");
    }
  }

  public static Builder builder(PrivateKey identity) {
    return new Builder(identity);
  }

  /** Validating builder. */
  public static final class Builder {
    private final PrivateKey identity;
    private Multiaddr listen = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private List<Multiaddr> bootstrap = List.of();
    private int maxConnections = 200;
    private long handshakeTimeoutMs = 10_000;
    private long negotiationTimeoutMs = 10_000;
    private YamuxSession.Limits yamuxLimits = new YamuxSession.Limits(256, 30_000);
    private long reconnectInitialBackoffMs = 1_000;
    private long reconnectMaxBackoffMs = 60_000;
    private String agentVersion = "openvpp-node/0.1";
    private GossipConfig gossip = GossipConfig.defaults();

    private Builder(PrivateKey identity) {
      this.identity = identity;
    }

    public Builder listen(Multiaddr v) {
      listen = v;
      return this;
    }

    public Builder bootstrap(List<Multiaddr> v) {
      bootstrap = v;
      return this;
    }

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder handshakeTimeoutMs(long v) {
      handshakeTimeoutMs = v;
      return this;
    }

    public Builder negotiationTimeoutMs(long v) {
      negotiationTimeoutMs = v;
      return this;
    }

    public Builder yamuxLimits(YamuxSession.Limits v) {
      yamuxLimits = v;
      return this;
    }

    public Builder reconnectBackoffMs(long initial, long max) {
      reconnectInitialBackoffMs = initial;
      reconnectMaxBackoffMs = max;
      return this;
    }

    public Builder agentVersion(String v) {
      agentVersion = v;
      return this;
    }

    public Builder gossip(GossipConfig v) {
      gossip = v;
      return this;
    }

    public HostConfig build() {
      return new HostConfig(
          identity,
          listen,
          bootstrap,
          maxConnections,
          handshakeTimeoutMs,
          negotiationTimeoutMs,
          yamuxLimits,
          reconnectInitialBackoffMs,
          reconnectMaxBackoffMs,
          agentVersion,
          gossip);
    }
  }
}
