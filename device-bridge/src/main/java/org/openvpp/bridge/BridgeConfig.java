package org.openvpp.bridge;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.openvpp.bridge.broker.BrokerMode;
import org.openvpp.bridge.broker.LocalBrokers;
import org.openvpp.bridge.store.ReadingStores;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * Configuration of the bridge; every key is listed in device-bridge/README.md. Precedence:
 * environment ({@code VPP_BRIDGE_BROKER_URL} for {@code bridge.broker.url}) over the properties
 * file over the default. Sealed once built.
 */
public record BridgeConfig(
    Optional<String> brokerUrl,
    BrokerMode brokerMode,
    String embeddedBind,
    int embeddedPort,
    Optional<Path> mosquittoBinary,
    Path dataDir,
    String clientId,
    Optional<String> username,
    Optional<String> password,
    Optional<Path> tlsTrustStore,
    Optional<String> tlsTrustStorePassword,
    Optional<String> storeUrl,
    String storeSynchronous,
    int verifierThreads,
    BigInteger chainId,
    String deviceRegistry,
    long ackTimeoutMs,
    long dispatchRetentionMs,
    int dispatchRetentionMax,
    long heartbeatIntervalMs,
    int maxInflight,
    long rejectionLogPeriodMs,
    Optional<Path> directoryFile,
    Optional<String> rpcUrl,
    Optional<Path> nodeKeyFile,
    Optional<Path> nodeKeyPasswordFile,
    long receiptIntervalMs,
    int ingestConnections) {

  /** Every key with its default ("" = none). */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("bridge.broker.url", "");
    d.put("bridge.broker.mode", "auto");
    d.put("bridge.embedded.bind", "127.0.0.1");
    d.put("bridge.embedded.port", "1883");
    d.put("bridge.mosquitto.binary", "");
    d.put("bridge.data.dir", "./data/bridge");
    d.put("bridge.mqtt.client.id", "openvpp-node-bridge");
    d.put("bridge.mqtt.username", "");
    d.put("bridge.mqtt.password", "");
    d.put("bridge.mqtt.tls.truststore", "");
    d.put("bridge.mqtt.tls.truststore.password", "");
    d.put("bridge.mqtt.max.inflight", "1000");
    d.put("bridge.store.url", "");
    d.put("bridge.store.synchronous", "FULL");
    d.put("bridge.verifier.threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
    d.put("bridge.chain.id", "31337");
    d.put("bridge.device.registry", "");
    d.put("bridge.chain.rpc.url", "");
    d.put("bridge.directory.file", "");
    d.put("bridge.node.key.file", "");
    d.put("bridge.node.key.password.file", "");
    d.put("bridge.dispatch.ack.timeout.ms", "5000");
    d.put("bridge.dispatch.retention.ms", "3600000");
    d.put("bridge.dispatch.retention.max", "1000");
    d.put("bridge.heartbeat.interval.ms", "5000");
    d.put("bridge.rejection.log.period.ms", "60000");
    d.put("bridge.receipt.interval.ms", "1000");
    d.put("bridge.ingest.connections", "1");
    return Map.copyOf(d);
  }

  public BridgeConfig {
    brokerMode = effectiveMode(brokerMode, brokerUrl);
    if (embeddedPort < 0 || embeddedPort > 65535) {
      throw new IllegalArgumentException(
          "bridge.embedded.port " + embeddedPort + " is not 0..65535 (0 = any free port)");
    }
    deviceRegistry = AbiWords.checkAddress(deviceRegistry);
    if (storeUrl.isPresent()
        && !storeUrl.get().startsWith("jdbc:sqlite:")
        && !storeUrl.get().startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "bridge.store.url "
              + ReadingStores.redact(storeUrl.get())
              + " is neither jdbc:sqlite:<file> nor jdbc:postgresql://<host>:<port>/<database>");
    }
    if (ingestConnections < 1 || ingestConnections > 16) {
      throw new IllegalArgumentException("bridge.ingest.connections must be 1..16");
    }
    if (verifierThreads < 1 || maxInflight < 1 || ackTimeoutMs < 1 || heartbeatIntervalMs < 1) {
      throw new IllegalArgumentException("thread, in-flight and timeout settings must be >= 1");
    }
    if (receiptIntervalMs < 1
        || receiptIntervalMs >= org.openvpp.bridge.protocol.Protocol.RECEIPT_TIMEOUT_MS) {
      throw new IllegalArgumentException("receipt interval must be 1..4999 ms");
    }
    if (dispatchRetentionMs < 1 || dispatchRetentionMax < 0) {
      throw new IllegalArgumentException(
          "bridge.dispatch.retention.ms must be >= 1 and bridge.dispatch.retention.max >= 0");
    }
    if (heartbeatIntervalMs > org.openvpp.bridge.protocol.Protocol.HEARTBEAT_INTERVAL_MS) {
      throw new IllegalArgumentException("heartbeat interval above the protocol's 5000 ms");
    }
  }

  /**
   * A broker URL means an external broker: with mode auto it selects external, with a local mode it
   * contradicts it; external without a URL has nothing to connect to.
   */
  private static BrokerMode effectiveMode(BrokerMode mode, Optional<String> url) {
    if (url.isPresent()) {
      if (mode == BrokerMode.MOSQUITTO || mode == BrokerMode.EMBEDDED) {
        throw new IllegalArgumentException(
            "bridge.broker.mode is "
                + mode.key()
                + " but bridge.broker.url is set: choose a local broker or an external one");
      }
      return BrokerMode.EXTERNAL;
    }
    if (mode == BrokerMode.EXTERNAL) {
      throw new IllegalArgumentException(
          "bridge.broker.mode is external but bridge.broker.url is empty");
    }
    return mode;
  }

  /** Reads every key from the environment, then the file, then the defaults. */
  public static BridgeConfig load(Properties file, Map<String, String> env) {
    Map<String, String> v = new TreeMap<>();
    for (String key : DEFAULTS.keySet()) {
      String envKey = "VPP_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
      v.put(key, env.getOrDefault(envKey, file.getProperty(key, DEFAULTS.get(key))).trim());
    }
    return new BridgeConfig(
        opt(v, "bridge.broker.url"),
        BrokerMode.parse(v.get("bridge.broker.mode")),
        v.get("bridge.embedded.bind"),
        Integer.parseInt(v.get("bridge.embedded.port")),
        opt(v, "bridge.mosquitto.binary").map(Path::of),
        Path.of(v.get("bridge.data.dir")),
        v.get("bridge.mqtt.client.id"),
        opt(v, "bridge.mqtt.username"),
        opt(v, "bridge.mqtt.password"),
        opt(v, "bridge.mqtt.tls.truststore").map(Path::of),
        opt(v, "bridge.mqtt.tls.truststore.password"),
        opt(v, "bridge.store.url"),
        v.get("bridge.store.synchronous").toUpperCase(Locale.ROOT),
        Integer.parseInt(v.get("bridge.verifier.threads")),
        new BigInteger(v.get("bridge.chain.id")),
        v.get("bridge.device.registry"),
        Long.parseLong(v.get("bridge.dispatch.ack.timeout.ms")),
        Long.parseLong(v.get("bridge.dispatch.retention.ms")),
        Integer.parseInt(v.get("bridge.dispatch.retention.max")),
        Long.parseLong(v.get("bridge.heartbeat.interval.ms")),
        Integer.parseInt(v.get("bridge.mqtt.max.inflight")),
        Long.parseLong(v.get("bridge.rejection.log.period.ms")),
        opt(v, "bridge.directory.file").map(Path::of),
        opt(v, "bridge.chain.rpc.url"),
        opt(v, "bridge.node.key.file").map(Path::of),
        opt(v, "bridge.node.key.password.file").map(Path::of),
        Long.parseLong(v.get("bridge.receipt.interval.ms")),
        Integer.parseInt(v.get("bridge.ingest.connections")));
  }

  private static Optional<String> opt(Map<String, String> v, String key) {
    String s = v.get(key);
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** For tests and embedding: defaults with a broker URL, data directory and registry. */
  public static BridgeConfig forBroker(String brokerUrl, Path dataDir, String deviceRegistry) {
    Properties p = new Properties();
    p.setProperty("bridge.broker.url", brokerUrl);
    p.setProperty("bridge.data.dir", dataDir.toString());
    p.setProperty("bridge.device.registry", deviceRegistry);
    return load(p, Map.of());
  }

  /** The local broker to start (none in external mode). */
  public LocalBrokers.Choice brokerChoice() {
    return new LocalBrokers.Choice(
        brokerMode, embeddedBind, embeddedPort, dataDir, mosquittoBinary);
  }

  /** The effective configuration for the start-up log, secrets masked. */
  public String describe() {
    return "broker="
        + brokerUrl.orElse(brokerMode.key() + " tcp://" + embeddedBind + ":" + embeddedPort)
        + " clientId="
        + clientId
        + " username="
        + username.orElse("-")
        + " password="
        + (password.isPresent() ? "***" : "-")
        + " tls="
        + tlsTrustStore.map(Path::toString).orElse("-")
        + " dataDir="
        + dataDir
        + " store="
        + storeUrl.map(ReadingStores::redact).orElse("sqlite " + dataDir.resolve("readings.db"))
        + " synchronous="
        + storeSynchronous
        + " verifierThreads="
        + verifierThreads
        + " ingestConnections="
        + ingestConnections
        + " chainId="
        + chainId
        + " deviceRegistry="
        + deviceRegistry
        + " ackTimeoutMs="
        + ackTimeoutMs
        + " heartbeatIntervalMs="
        + heartbeatIntervalMs
        + " maxInflight="
        + maxInflight
        + " directory="
        + directoryFile.map(Path::toString).orElse(rpcUrl.isPresent() ? "chain" : "-");
  }
}
