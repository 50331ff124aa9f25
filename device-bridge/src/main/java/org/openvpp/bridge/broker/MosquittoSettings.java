package org.openvpp.bridge.broker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of the Mosquitto child process.
 *
 * @param binary the {@code mosquitto} executable; empty = look on PATH, then /usr/sbin and
 *     /usr/local/sbin
 * @param bindAddress address to listen on (default 127.0.0.1)
 * @param port TCP port; 0 = any free port
 * @param dir directory for the generated config and the broker's log
 * @param maxQueuedMessages QoS 1 messages queued per client beyond those in flight before Mosquitto
 *     drops (it drops silently, so this is set far above any backlog the bridge meets)
 * @param maxInflight QoS 1 messages in flight from the broker to one client
 */
public record MosquittoSettings(
    Optional<Path> binary,
    String bindAddress,
    int port,
    Path dir,
    long maxQueuedMessages,
    int maxInflight) {

  public MosquittoSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("mosquitto port " + port + " is not 0..65535");
    }
    if (bindAddress == null || bindAddress.isBlank() || bindAddress.matches(".*\\s.*")) {
      throw new IllegalArgumentException("mosquitto bind address '" + bindAddress + "' is invalid");
    }
    if (maxQueuedMessages < 1 || maxInflight < 1 || maxInflight > 65535) {
      throw new IllegalArgumentException("queue and in-flight limits must be positive");
    }
  }

  public static MosquittoSettings defaults(Path dir, String bindAddress, int port) {
    return new MosquittoSettings(Optional.empty(), bindAddress, port, dir, 1_000_000, 1000);
  }

  public MosquittoSettings withBinary(Optional<Path> b) {
    return new MosquittoSettings(b, bindAddress, port, dir, maxQueuedMessages, maxInflight);
  }
}
