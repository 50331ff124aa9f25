package org.openvpp.node.app;

import org.openvpp.bridge.directory.ChainDeviceDirectory;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.rewards.JdbcRewardBookStore;
import org.openvpp.node.rewards.RewardBook;
import org.openvpp.node.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The resources several parts share: the database (opened and migrated while the keys are decrypted
 * ({@link DatabaseOpening}), before any part starts), one JSON-RPC client with the device directory
 * over it, and the node's reward book (loading it may read the database). Opened on the main
 * thread, never an event loop; closed after every part has stopped.
 */
record NodeResources(
    Database database, Web3j web3j, ChainDeviceDirectory devices, RewardBook rewards)
    implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeResources.class);

  /** How long a device found in the registry is trusted before it is read again. */
  private static final long DEVICE_CACHE_MS = 60_000;

  static NodeResources open(
      NodeConfig config,
      Database database,
      String deviceRegistry,
      String nodeAddress,
      java.time.Clock clock) {
    // Loaded (and its stored roots checked) here, before any part can hand out a proof; a book
    // that does not check out stops the start with the database closed again.
    RewardBook rewards;
    try {
      rewards = new RewardBook(nodeAddress, new JdbcRewardBookStore(database, clock));
    } catch (RuntimeException e) {
      database.close();
      throw new IllegalStateException("the node's reward book cannot be loaded", e);
    }
    Web3j web3j = Web3j.build(new HttpService(config.chain().rpcUrl().toString()));
    return new NodeResources(
        database,
        web3j,
        new ChainDeviceDirectory(web3j, deviceRegistry, clock, DEVICE_CACHE_MS),
        rewards);
  }

  @Override
  public void close() {
    LOG.info("closing the JSON-RPC client and the database");
    web3j.shutdown();
    database.close();
  }
}
