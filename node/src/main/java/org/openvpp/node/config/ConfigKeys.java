package org.openvpp.node.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every key the node reads, in the order of the config file and of node/README.md. A key missing
 * here is unknown and rejected wherever it is given (file, environment or flag).
 */
public final class ConfigKeys {
  public static final String DATA_DIR = "data-dir";
  public static final String DATABASE_URL = "database.url";
  public static final String CHAIN_RPC_URL = "chain.rpc-url";
  public static final String CHAIN_ID = "chain.id";
  public static final String CHAIN_DEPLOYMENT_FILE = "chain.deployment-file";
  public static final String CHAIN_CONFIRMATIONS = "chain.confirmations";
  public static final String CHAIN_REORG_HORIZON = "chain.reorg-horizon";
  public static final String CHAIN_POLL_INTERVAL_MS = "chain.poll-interval-ms";
  public static final String OUTBOX_INTERVAL_MS = "outbox.interval-ms";
  public static final String KEYS_CHAIN_KEY_FILE = "keys.chain-key-file";
  public static final String KEYS_P2P_KEY_FILE = "keys.p2p-key-file";
  public static final String KEYS_PASSWORD_FILE = "keys.password-file";
  public static final String P2P_LISTEN = "p2p.listen";
  public static final String P2P_BOOTSTRAP = "p2p.bootstrap";
  public static final String P2P_MAX_CONNECTIONS = "p2p.max-connections";
  public static final String P2P_RECONNECT_INITIAL_MS = "p2p.reconnect-initial-ms";
  public static final String P2P_RECONNECT_MAX_MS = "p2p.reconnect-max-ms";
  public static final String P2P_AGENT = "p2p.agent";
  public static final String BROKER_URL = "broker.url";
  public static final String BROKER_MODE = "broker.mode";
  public static final String BROKER_MOSQUITTO_BINARY = "broker.mosquitto-binary";
  public static final String BROKER_EMBEDDED_BIND = "broker.embedded-bind";
  public static final String BROKER_EMBEDDED_PORT = "broker.embedded-port";
  public static final String BROKER_USERNAME = "broker.username";
  public static final String BROKER_PASSWORD_FILE = "broker.password-file";
  public static final String BROKER_TLS_TRUSTSTORE = "broker.tls-truststore";
  public static final String BROKER_TLS_TRUSTSTORE_PASSWORD_FILE =
      "broker.tls-truststore-password-file";
  public static final String BRIDGE_HEARTBEAT_INTERVAL_MS = "bridge.heartbeat-interval-ms";
  public static final String BRIDGE_DISPATCH_ACK_TIMEOUT_MS = "bridge.dispatch-ack-timeout-ms";
  public static final String BRIDGE_VERIFIER_THREADS = "bridge.verifier-threads";
  public static final String BRIDGE_STORE_SYNCHRONOUS = "bridge.store-synchronous";
  public static final String API_HOST = "api.host";
  public static final String API_PORT = "api.port";
  public static final String API_BODY_LIMIT = "api.body-limit";
  public static final String API_READS_NEED_TOKEN = "api.reads-need-token";
  public static final String LOG_LEVEL = "log.level";
  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout-ms";

  /** The environment variable holding the keys' password when no password file is set. */
  public static final String PASSWORD_ENV = "VPP_NODE_KEY_PASSWORD";

  /** The environment variable naming the config file when no --config is given. */
  public static final String CONFIG_ENV = "VPP_NODE_CONFIG";

  public static final List<ConfigKey> ALL =
      List.of(
          key(DATA_DIR, "data/node", "the node's own files: database, keys, broker and bridge"),
          key(
              DATABASE_URL,
              "jdbc:sqlite:${data-dir}/node.db",
              "JDBC URL of the node's database: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB"),
          key(
              CHAIN_RPC_URL,
              "http://127.0.0.1:8545",
              "JSON-RPC endpoint of the chain (http/https)"),
          key(CHAIN_ID, "31337", "EIP-155 chain id; must equal the deployment file's"),
          key(
              CHAIN_DEPLOYMENT_FILE,
              ".testnet/deployment.json",
              "contract addresses, as written by ./vpp testnet or ./vpp deploy"),
          key(
              CHAIN_CONFIRMATIONS,
              "0",
              "blocks on top of an event before the node acts on it (0..1000; 0 suits the"
                  + " automining dev chain, use 12 or more on a public network)"),
          key(
              CHAIN_REORG_HORIZON,
              "64",
              "recent blocks remembered to detect and undo a reorganization (more than"
                  + " chain.confirmations, at most 10000)"),
          key(CHAIN_POLL_INTERVAL_MS, "1000", "how often the chain follower polls (100..60000)"),
          key(
              OUTBOX_INTERVAL_MS,
              "1000",
              "how often the transaction outbox sends, tracks and bumps (100..60000)"),
          key(
              KEYS_CHAIN_KEY_FILE,
              "${data-dir}/keys/chain-key.json",
              "the node's chain key, a Web3j wallet file (created by vpp node init)"),
          key(
              KEYS_P2P_KEY_FILE,
              "${data-dir}/keys/p2p-identity.json",
              "the node's libp2p Ed25519 identity, encrypted the same way (vpp node init)"),
          key(
              KEYS_PASSWORD_FILE,
              "",
              "file holding the keys' password; empty = the environment variable " + PASSWORD_ENV),
          key(P2P_LISTEN, "/ip4/0.0.0.0/tcp/4001", "p2p listen multiaddr (port 0 = any free)"),
          listKey(
              P2P_BOOTSTRAP,
              "",
              "peers dialed at start and redialed, multiaddrs with /p2p/<peer id>"),
          key(P2P_MAX_CONNECTIONS, "200", "p2p connections beyond this are refused"),
          key(P2P_RECONNECT_INITIAL_MS, "1000", "first redial delay of a bootstrap peer"),
          key(P2P_RECONNECT_MAX_MS, "60000", "longest redial delay (doubles up to this)"),
          key(P2P_AGENT, "openvpp-node/0.1", "agent version sent in identify"),
          key(
              BROKER_URL,
              "",
              "external MQTT broker tcp://HOST:PORT or ssl://HOST:PORT; empty = the node's own"),
          key(
              BROKER_MODE,
              "auto",
              "auto, mosquitto, embedded or external: auto runs Mosquitto as a child process when"
                  + " installed, else the embedded HiveMQ CE; a broker.url means external"),
          key(
              BROKER_MOSQUITTO_BINARY,
              "",
              "the mosquitto executable; empty = PATH, /usr/sbin, /usr/local/sbin"),
          key(
              BROKER_EMBEDDED_BIND,
              "127.0.0.1",
              "address the node's own broker (Mosquitto or embedded) listens on"),
          key(
              BROKER_EMBEDDED_PORT,
              "1883",
              "port the node's own broker (Mosquitto or embedded) listens on (1..65535)"),
          key(BROKER_USERNAME, "", "user name at the external broker; empty = anonymous"),
          key(
              BROKER_PASSWORD_FILE,
              "",
              "file holding the external broker's password (never the password itself here)"),
          key(
              BROKER_TLS_TRUSTSTORE,
              "",
              "PKCS#12 or JKS trust store for an ssl:// broker; empty = the JDK's CAs"),
          key(BROKER_TLS_TRUSTSTORE_PASSWORD_FILE, "", "file holding the trust store's password"),
          key(
              BRIDGE_HEARTBEAT_INTERVAL_MS,
              "5000",
              "how often the node tells its devices it is alive (100..5000; devices fall back"
                  + " to their own schedule after 3 missed heartbeats)"),
          key(
              BRIDGE_DISPATCH_ACK_TIMEOUT_MS,
              "5000",
              "how long a device may take to acknowledge a setpoint before the dispatcher moves"
                  + " its share to others (100..120000)"),
          key(
              BRIDGE_VERIFIER_THREADS,
              "0",
              "threads verifying device signatures (0 = one per core, at most 64)"),
          key(
              BRIDGE_STORE_SYNCHRONOUS,
              "FULL",
              "SQLite durability of stored readings: FULL (survives power loss) or NORMAL"),
          key(API_HOST, "127.0.0.1", "address the HTTP API listens on"),
          key(API_PORT, "8645", "port of the HTTP API (0 = any free port)"),
          key(
              API_BODY_LIMIT,
              "16384",
              "largest request body in bytes the HTTP API accepts (256..1048576); larger get 413"),
          key(
              API_READS_NEED_TOKEN,
              "auto",
              "true, false or auto: whether reads need the API token too (auto = only when"
                  + " api.host is not a loopback address); writes always do"),
          key(LOG_LEVEL, "INFO", "TRACE, DEBUG, INFO, WARN or ERROR"),
          key(
              SHUTDOWN_TIMEOUT_MS,
              "20000",
              "longest a graceful stop may take before the process gives up (1000..300000)"));

  private static final Map<String, ConfigKey> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

  private ConfigKeys() {}

  public static Optional<ConfigKey> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static ConfigKey get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no config key " + name));
  }

  private static ConfigKey key(String name, String defaultValue, String description) {
    return new ConfigKey(name, defaultValue, false, description);
  }

  private static ConfigKey listKey(String name, String defaultValue, String description) {
    return new ConfigKey(name, defaultValue, true, description);
  }
}
