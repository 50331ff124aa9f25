package org.openvpp.bridge.broker;

import java.nio.file.Path;

/**
 * Settings of the embedded broker.
 *
 * @param bindAddress address to listen on (default 127.0.0.1)
 * @param port TCP port (default 1883)
 * @param dataDir directory for configuration and data
 * @param maxQueueSize QoS 1 messages queued per client before HiveMQ discards (default 1,000,000)
 * @param serverReceiveMaximum QoS 1 messages a client may have in flight to the broker (1..65535)
 * @param filePersistence true to keep sessions and queues on disk across broker restarts
 */
public record EmbeddedBrokerSettings(
    String bindAddress,
    int port,
    Path dataDir,
    long maxQueueSize,
    int serverReceiveMaximum,
    boolean filePersistence) {

  public EmbeddedBrokerSettings {
    if (port < 1 || port > 65535 || serverReceiveMaximum < 1 || serverReceiveMaximum > 65535) {
      throw new IllegalArgumentException("port and server receive maximum must be 1..65535");
    }
    if (maxQueueSize < 1) {
      throw new IllegalArgumentException("maxQueueSize must be positive");
    }
  }

  public static EmbeddedBrokerSettings defaults(Path dataDir, int port) {
    return new EmbeddedBrokerSettings("127.0.0.1", port, dataDir, 1_000_000, 1000, false);
  }

  public String url() {
    return "tcp://" + bindAddress + ":" + port;
  }
}
