package org.openvpp.node.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's validated configuration, sealed once read ({@link ConfigLoader}). Every key is listed
 * in node/README.md with its default.
 *
 * @param p2p the {@code p2p.*} keys as the p2p host reads them ({@code HostSettings.from})
 * @param effective every key's value as text with its source, for the start-up log
 */
public record NodeConfig(
    Path dataDir,
    String databaseUrl,
    Chain chain,
    Keys keys,
    Map<String, String> p2p,
    Broker broker,
    Bridge bridge,
    Api api,
    Duration outboxInterval,
    String logLevel,
    Duration shutdownTimeout,
    Map<String, RawValue> effective) {

  public NodeConfig {
    p2p = Map.copyOf(p2p);
    effective = Map.copyOf(effective);
  }

  /** The chain the node follows. */
  public record Chain(
      URI rpcUrl,
      long id,
      Path deploymentFile,
      int confirmations,
      int reorgHorizon,
      Duration pollInterval) {}

  /** Where the keys live; the password comes from the file or {@link ConfigKeys#PASSWORD_ENV}. */
  public record Keys(Path chainKeyFile, Path p2pKeyFile, Optional<Path> passwordFile) {}

  /**
   * The devices' MQTT broker: external by URL, or the node's own on bind:port (docs/adr/0004).
   *
   * @param mode auto, mosquitto, embedded or external (external exactly when url is present)
   * @param mosquittoBinary the mosquitto executable, empty to search for it
   */
  public record Broker(
      Optional<String> url,
      String mode,
      String embeddedBind,
      int embeddedPort,
      Optional<Path> mosquittoBinary,
      Credentials credentials) {}

  /**
   * How the node signs in to an external broker; secrets stay in files (read at start, never
   * logged).
   */
  public record Credentials(
      Optional<String> username,
      Optional<Path> passwordFile,
      Optional<Path> truststore,
      Optional<Path> truststorePasswordFile) {}

  /**
   * The device bridge's tuning inside the node (the bridge's own keys in device-bridge/README.md).
   *
   * @param verifierThreads 0 = one per core
   * @param storeSynchronous FULL or NORMAL
   */
  public record Bridge(
      long heartbeatIntervalMs,
      long dispatchAckTimeoutMs,
      int verifierThreads,
      String storeSynchronous) {}

  /**
   * Where the HTTP API listens and what it accepts.
   *
   * @param readsNeedToken empty = decided by the host ({@code auto}: open on loopback only)
   */
  public record Api(String host, int port, long bodyLimit, Optional<Boolean> readsNeedToken) {}

  /** The bootstrap peers as given (already checked to be TCP multiaddrs with a peer id). */
  public List<String> bootstrapPeers() {
    String v = p2p.getOrDefault(ConfigKeys.P2P_BOOTSTRAP, "");
    return v.isBlank() ? List.of() : List.of(v.split(","));
  }

  /** One line per key, in README order, with where each value came from. No secrets are held. */
  public List<String> describe() {
    return ConfigKeys.ALL.stream()
        .filter(k -> effective.containsKey(k.name()))
        .map(
            k -> {
              RawValue v = effective.get(k.name());
              return k.name()
                  + " = "
                  + (v.isEmpty() ? "(none)" : redact(v.text()))
                  + "   ["
                  + v.source()
                  + "]";
            })
        .toList();
  }

  /** A URL's query and {@code user:password@} part may hold a password: never logged. */
  static String redact(String url) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query) + "?***";
    return base.replaceAll("//[^/@]*@", "//***@");
  }
}
