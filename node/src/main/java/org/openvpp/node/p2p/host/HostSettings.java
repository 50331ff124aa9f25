package org.openvpp.node.p2p.host;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.openvpp.node.p2p.multiaddr.Multiaddr;

/**
 * Reads the p2p keys of the node's flat configuration into a {@link HostConfig}; an invalid value
 * fails with a message naming its key. Missing keys keep the builder defaults.
 *
 * <ul>
 *   <li>{@code p2p.listen}: multiaddr to listen on, e.g. {@code /ip4/0.0.0.0/tcp/4001}
 *   <li>{@code p2p.bootstrap}: comma-separated multiaddrs, each with {@code /p2p/<peer id>}
 *   <li>{@code p2p.max-connections}: positive integer
 *   <li>{@code p2p.reconnect-initial-ms}, {@code p2p.reconnect-max-ms}: redial backoff
 *   <li>{@code p2p.agent}: agent version sent in identify
 * </ul>
 */
public final class HostSettings {
  public static final Set<String> KEYS =
      Set.of(
          "p2p.listen",
          "p2p.bootstrap",
          "p2p.max-connections",
          "p2p.reconnect-initial-ms",
          "p2p.reconnect-max-ms",
          "p2p.agent");

  private HostSettings() {}

  /**
   * Builds the host configuration.
   *
   * @throws IllegalArgumentException naming the offending key
   */
  public static HostConfig from(Map<String, String> settings, PrivateKey identity) {
    HostConfig.Builder b = HostConfig.builder(identity);
    value(settings, "p2p.listen").ifPresent(v -> b.listen(multiaddr("p2p.listen", v)));
    value(settings, "p2p.bootstrap").ifPresent(v -> b.bootstrap(bootstrap(v)));
    value(settings, "p2p.max-connections")
        .ifPresent(v -> b.maxConnections(positive("p2p.max-connections", v)));
    long initial =
        value(settings, "p2p.reconnect-initial-ms")
            .map(v -> (long) positive("p2p.reconnect-initial-ms", v))
            .orElse(1_000L);
    long max =
        value(settings, "p2p.reconnect-max-ms")
            .map(v -> (long) positive("p2p.reconnect-max-ms", v))
            .orElse(60_000L);
    if (max < initial) {
      throw new IllegalArgumentException(
          "p2p.reconnect-max-ms must be >= p2p.reconnect-initial-ms");
    }
    b.reconnectBackoffMs(initial, max);
    value(settings, "p2p.agent").ifPresent(b::agentVersion);
    return b.build();
  }

  private static java.util.Optional<String> value(Map<String, String> settings, String key) {
    return java.util.Optional.ofNullable(settings.get(key))
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  private static List<Multiaddr> bootstrap(String value) {
    List<Multiaddr> out =
        Arrays.stream(value.split(","))
            .map(String::trim)
            .map(v -> multiaddr("p2p.bootstrap", v))
            .toList();
    if (out.stream().anyMatch(a -> a.peerId().isEmpty())) {
      throw new IllegalArgumentException("p2p.bootstrap: every address needs /p2p/<peer id>");
    }
    return out;
  }

  private static Multiaddr multiaddr(String key, String value) {
    try {
      Multiaddr a = Multiaddr.parse(value);
      if (a.host().isEmpty() || a.tcpPort().isEmpty()) {
        throw new IllegalArgumentException("needs a host and /tcp/<port>");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + ": " + value + " is not a TCP multiaddr (" + e.getMessage() + ")", e);
    }
  }

  private static int positive(String key, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a positive integer: " + value);
  }
}
