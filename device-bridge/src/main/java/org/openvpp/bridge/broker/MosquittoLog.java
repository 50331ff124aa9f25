package org.openvpp.bridge.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Mosquitto child's log (its stderr): read to know when it listens, which version runs, and why
 * a start failed, in words an operator can act on.
 */
final class MosquittoLog {
  private static final Pattern VERSION = Pattern.compile("mosquitto version (\\S+)");
  private final Path file;
  private long startOffset;

  MosquittoLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Starts a new section: the first start truncates, restarts append after the crash's lines. */
  void begin(boolean truncate) throws IOException {
    if (truncate || !Files.exists(file)) {
      Files.writeString(file, "", StandardCharsets.UTF_8);
    }
    startOffset = Files.size(file);
  }

  /** Mosquitto prints "mosquitto version X running" once every listener is open. */
  boolean running() {
    return section().contains(" running");
  }

  String version() {
    Matcher m = VERSION.matcher(section());
    return m.find() ? m.group(1) : "?";
  }

  /** The last lines of this start, for error messages. */
  String tail() {
    List<String> lines = Arrays.stream(section().split("\n")).filter(l -> !l.isBlank()).toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
  }

  BrokerStartException startFailure(int status, Path binary, String bind, int port) {
    String text = section();
    String where = bind + ":" + port;
    if (text.contains("Address already in use")) {
      return new BrokerStartException(
          BrokerStartException.Reason.PORT_IN_USE,
          "mosquitto cannot listen on " + where + ": the port is in use; log: " + tail());
    }
    if (text.contains("Error found at")
        || text.contains("Unknown configuration")
        || text.contains("Cannot assign requested address")
        || text.contains("Invalid")) {
      return new BrokerStartException(
          BrokerStartException.Reason.BAD_CONFIG,
          "mosquitto refused its configuration for " + where + ": " + tail());
    }
    return new BrokerStartException(
        BrokerStartException.Reason.EXITED,
        binary + " exited at start with status " + status + "; log: " + tail());
  }

  private String section() {
    try {
      byte[] all = Files.readAllBytes(file);
      int from = (int) Math.min(startOffset, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
