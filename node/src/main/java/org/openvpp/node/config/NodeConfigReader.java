package org.openvpp.node.config;

import static org.openvpp.node.config.ConfigKeys.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.host.HostSettings;

/**
 * Turns the merged raw values into a {@link NodeConfig}, checking each key's type and range. Every
 * problem is collected, so one run tells the operator everything to fix. Files are not opened here
 * ({@link StartChecks} does that).
 */
final class NodeConfigReader {
  private static final String DATA_DIR_PLACEHOLDER = "${data-dir}";
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private final Map<String, RawValue> raw;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private NodeConfigReader(Map<String, RawValue> raw) {
    this.raw = new LinkedHashMap<>(raw);
  }

  static NodeConfig read(Map<String, RawValue> merged) {
    NodeConfigReader r = new NodeConfigReader(merged);
    NodeConfig config = r.build();
    if (!r.problems.isEmpty()) {
      throw new ConfigException(r.problems);
    }
    return config;
  }

  private NodeConfig build() {
    Path dataDir = path(DATA_DIR);
    String dir = dataDir == null ? "data/node" : dataDir.toString();
    raw.replaceAll(
        (k, v) -> new RawValue(v.text().replace(DATA_DIR_PLACEHOLDER, dir).trim(), v.source()));
    NodeConfig.Chain chain =
        new NodeConfig.Chain(
            httpUrl(CHAIN_RPC_URL),
            longIn(CHAIN_ID, 1, Long.MAX_VALUE),
            path(CHAIN_DEPLOYMENT_FILE),
            (int) longIn(CHAIN_CONFIRMATIONS, 0, 1000),
            (int) longIn(CHAIN_REORG_HORIZON, 1, 10_000),
            Duration.ofMillis(longIn(CHAIN_POLL_INTERVAL_MS, 100, 60_000)));
    if (chain.reorgHorizon() <= chain.confirmations()) {
      problem(
          CHAIN_REORG_HORIZON,
          "out of range: must exceed chain.confirmations ("
              + chain.confirmations()
              + "), or a reorganization of applied blocks could go unnoticed");
    }
    NodeConfig.Keys keys =
        new NodeConfig.Keys(
            path(KEYS_CHAIN_KEY_FILE), path(KEYS_P2P_KEY_FILE), optionalPath(KEYS_PASSWORD_FILE));
    if (keys.chainKeyFile() != null && keys.chainKeyFile().equals(keys.p2pKeyFile())) {
      problem(KEYS_P2P_KEY_FILE, "must differ from " + KEYS_CHAIN_KEY_FILE);
    }
    Optional<String> brokerUrl = brokerUrl();
    NodeConfig.Broker broker =
        new NodeConfig.Broker(
            brokerUrl,
            brokerMode(brokerUrl.isPresent()),
            host(BROKER_EMBEDDED_BIND),
            (int) longIn(BROKER_EMBEDDED_PORT, 1, 65_535),
            optionalPath(BROKER_MOSQUITTO_BINARY),
            credentials(brokerUrl.isPresent()));
    NodeConfig.Bridge bridge =
        new NodeConfig.Bridge(
            longIn(BRIDGE_HEARTBEAT_INTERVAL_MS, 100, 5_000),
            longIn(BRIDGE_DISPATCH_ACK_TIMEOUT_MS, 100, 120_000),
            (int) longIn(BRIDGE_VERIFIER_THREADS, 0, 64),
            storeSynchronous());
    NodeConfig.Api api =
        new NodeConfig.Api(
            host(API_HOST),
            (int) longIn(API_PORT, 0, 65_535),
            longIn(API_BODY_LIMIT, 256, 1_048_576),
            autoOrBoolean(API_READS_NEED_TOKEN));
    return new NodeConfig(
        dataDir,
        databaseUrl(),
        chain,
        keys,
        p2p(),
        broker,
        bridge,
        api,
        Duration.ofMillis(longIn(OUTBOX_INTERVAL_MS, 100, 60_000)),
        level(),
        Duration.ofMillis(longIn(SHUTDOWN_TIMEOUT_MS, 1_000, 300_000)),
        raw);
  }

  /** Sign-in settings only mean something for an external broker: elsewhere they are refused. */
  private NodeConfig.Credentials credentials(boolean external) {
    Optional<String> user =
        Optional.of(value(BROKER_USERNAME)).filter(v -> !v.isEmpty()).map(v -> v.text().trim());
    NodeConfig.Credentials c =
        new NodeConfig.Credentials(
            user,
            optionalPath(BROKER_PASSWORD_FILE),
            optionalPath(BROKER_TLS_TRUSTSTORE),
            optionalPath(BROKER_TLS_TRUSTSTORE_PASSWORD_FILE));
    if (!external) {
      for (String key :
          List.of(
              BROKER_USERNAME,
              BROKER_PASSWORD_FILE,
              BROKER_TLS_TRUSTSTORE,
              BROKER_TLS_TRUSTSTORE_PASSWORD_FILE)) {
        if (!value(key).isEmpty()) {
          problem(
              key, "is set but " + BROKER_URL + " is empty: it applies to an external broker only");
        }
      }
    }
    if (c.passwordFile().isPresent() && c.username().isEmpty()) {
      problem(BROKER_PASSWORD_FILE, "is set but " + BROKER_USERNAME + " is empty");
    }
    if (c.truststorePasswordFile().isPresent() && c.truststore().isEmpty()) {
      problem(
          BROKER_TLS_TRUSTSTORE_PASSWORD_FILE, "is set but " + BROKER_TLS_TRUSTSTORE + " is empty");
    }
    return c;
  }

  private String storeSynchronous() {
    String v = required(BRIDGE_STORE_SYNCHRONOUS).orElse("FULL").trim().toUpperCase(Locale.ROOT);
    if (!v.equals("FULL") && !v.equals("NORMAL")) {
      problem(BRIDGE_STORE_SYNCHRONOUS, "wrong value: expected FULL or NORMAL, got '" + v + "'");
      return "FULL";
    }
    return v;
  }

  private RawValue value(String key) {
    return raw.getOrDefault(key, new RawValue(ConfigKeys.get(key).defaultValue(), "default"));
  }

  private Optional<String> required(String key) {
    RawValue v = value(key);
    if (v.isEmpty()) {
      String d = ConfigKeys.get(key).defaultValue();
      problem(key, "missing: a value is required" + (d.isEmpty() ? "" : " (default " + d + ")"));
      return Optional.empty();
    }
    return Optional.of(v.text().trim());
  }

  private long longIn(String key, long min, long max) {
    Optional<String> text = required(key);
    if (text.isEmpty()) {
      return min;
    }
    long n;
    try {
      n = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      problem(key, "wrong type: expected a whole number, got '" + text.get() + "'");
      return min;
    }
    if (n < min || n > max) {
      problem(
          key,
          "out of range: must be "
              + (max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
              + ", got "
              + n);
      return min;
    }
    return n;
  }

  private Path path(String key) {
    return required(key).map(t -> toPath(key, t)).orElse(null);
  }

  private Optional<Path> optionalPath(String key) {
    RawValue v = value(key);
    return v.isEmpty() ? Optional.empty() : Optional.ofNullable(toPath(key, v.text().trim()));
  }

  private Path toPath(String key, String text) {
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problem(key, "wrong type: not a file path: " + e.getReason());
      return null;
    }
  }

  private URI httpUrl(String key) {
    return required(key)
        .flatMap(t -> uri(key, t, Set.of("http", "https"), "http://HOST:PORT"))
        .orElse(null);
  }

  private Optional<String> brokerUrl() {
    RawValue v = value(BROKER_URL);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return uri(BROKER_URL, v.text().trim(), Set.of("tcp", "ssl"), "tcp://HOST:PORT")
        .map(URI::toString);
  }

  /**
   * auto, mosquitto, embedded or external; a broker URL turns auto into external and contradicts a
   * local mode, and external needs a URL (docs/adr/0004).
   */
  private String brokerMode(boolean hasUrl) {
    String mode = required(BROKER_MODE).orElse("auto").trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "auto":
        return hasUrl ? "external" : "auto";
      case "external":
        if (!hasUrl) {
          problem(BROKER_MODE, "is external but " + BROKER_URL + " is empty");
        }
        return mode;
      case "mosquitto":
      case "embedded":
        if (hasUrl) {
          problem(
              BROKER_MODE,
              "is "
                  + mode
                  + " but "
                  + BROKER_URL
                  + " is set: choose the node's own or an external");
        }
        return mode;
      default:
        problem(
            BROKER_MODE,
            "wrong value: expected auto, mosquitto, embedded or external, got '" + mode + "'");
        return "auto";
    }
  }

  private Optional<URI> uri(String key, String text, Set<String> schemes, String example) {
    try {
      URI u = new URI(text);
      if (u.getScheme() != null
          && schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
          && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problem(key, "wrong type: expected a URL like " + example + ", got '" + text + "'");
    return Optional.empty();
  }

  private String host(String key) {
    Optional<String> text = required(key);
    if (text.isPresent() && !text.get().matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
      problem(key, "wrong type: expected an IP address or host name, got '" + text.get() + "'");
    }
    return text.orElse("");
  }

  /** {@code auto} is empty (the caller decides); otherwise {@code true} or {@code false}. */
  private Optional<Boolean> autoOrBoolean(String key) {
    String text = required(key).orElse("auto");
    switch (text.toLowerCase(Locale.ROOT)) {
      case "auto":
        return Optional.empty();
      case "true":
        return Optional.of(true);
      case "false":
        return Optional.of(false);
      default:
        problem(key, "wrong value: expected true, false or auto, got '" + text + "'");
        return Optional.empty();
    }
  }

  private String databaseUrl() {
    Optional<String> text = required(DATABASE_URL);
    if (text.isPresent()
        && !text.get().startsWith("jdbc:sqlite:")
        && !text.get().startsWith("jdbc:postgresql://")) {
      problem(
          DATABASE_URL,
          "unsupported: use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB, got '"
              + NodeConfig.redact(text.get())
              + "'");
    }
    if (text.isPresent()
        && text.get().startsWith("jdbc:sqlite:")
        && (text.get().contains(":memory:") || text.get().contains("mode=memory"))) {
      problem(DATABASE_URL, "unsupported: an in-memory database loses the node's state on exit");
    }
    return text.orElse("");
  }

  private String level() {
    String text = required(LOG_LEVEL).orElse("INFO").toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(text)) {
      problem(LOG_LEVEL, "wrong value: expected one of TRACE, DEBUG, INFO, WARN, ERROR");
    }
    return text;
  }

  /** The p2p host's own reader checks these, so the node and the host never disagree. */
  private Map<String, String> p2p() {
    Map<String, String> p2p = new LinkedHashMap<>();
    for (String key : HostSettings.KEYS) {
      p2p.put(key, value(key).text().trim());
    }
    required(P2P_LISTEN);
    try {
      HostSettings.from(p2p, Ed25519Keys.generate());
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String key = HostSettings.KEYS.stream().filter(message::startsWith).findFirst().orElse("p2p");
      problem(
          key,
          message.startsWith(key)
              ? message.substring(key.length()).replaceFirst("^:? *", "")
              : message);
    }
    return p2p;
  }

  private void problem(String key, String reason) {
    RawValue given = raw.get(key);
    String source =
        given != null ? given.source() : ConfigKeys.find(key).isPresent() ? "default" : "";
    problems.add(new ConfigProblem(key, source, reason));
  }
}
