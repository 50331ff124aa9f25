package org.openvpp.bridge.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config the bridge writes for its Mosquitto child at every start (edits are overwritten). */
final class MosquittoConfig {
  private MosquittoConfig() {}

  static void write(Path file, MosquittoSettings s, int port) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text(s, port), StandardCharsets.UTF_8);
  }

  /**
   * Why each line: the broker keeps the JVM's user (as root it would otherwise switch to user
   * {@code mosquitto}, which cannot read a config under a private data directory); no persistence,
   * because the device protocol never relies on it (devices keep readings until the node's
   * receipt); a per-client queue far above any backlog, because Mosquitto drops QoS 1 messages
   * beyond it without a trace; Nagle off for small messages; per-connection log lines off, so
   * thousands of devices do not flood the log (information is kept: it says when it listens).
   */
  static String text(MosquittoSettings s, int port) {
    return String.join(
        "\n",
        "# Written by the Open VPP device bridge at every start; edits are overwritten.",
        "user " + System.getProperty("user.name"),
        "per_listener_settings false",
        "allow_anonymous true",
        "listener " + port + " " + s.bindAddress(),
        "protocol mqtt",
        "persistence false",
        "max_inflight_messages " + s.maxInflight(),
        "max_queued_messages " + s.maxQueuedMessages(),
        "max_queued_bytes 0",
        "set_tcp_nodelay true",
        "connection_messages false",
        "log_dest stderr",
        "log_type error",
        "log_type warning",
        "log_type notice",
        "log_type information",
        "");
  }
}
