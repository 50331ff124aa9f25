package org.openvpp.node.app;

import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.keys.NodeKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the log level and logs the effective configuration (the config holds no secrets). */
public final class StartupLog {
  private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);

  private StartupLog() {}

  public static void config(NodeConfig config) {
    LogLevels.apply(config.logLevel());
    LOG.info("effective configuration:");
    config.describe().forEach(line -> LOG.info("  {}", line));
    if (config.chain().id() != 31337 && config.chain().confirmations() == 0) {
      LOG.warn(
          "chain.confirmations is 0 on chain {}: a reorganization can undo what the node acted"
              + " on; set 12 or more on a public network",
          config.chain().id());
    }
  }

  /** Public parts only; scrypt makes this take about a second per key on an idle core. */
  public static void keysUnlocked(NodeKeys keys, long ms) {
    LOG.info("keys unlocked in {} ms: {}", ms, keys);
  }
}
