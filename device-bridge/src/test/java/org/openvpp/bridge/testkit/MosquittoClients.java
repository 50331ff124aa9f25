package org.openvpp.bridge.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.openvpp.contracts.testing.Await;

/** mosquitto_pub and mosquitto_sub as independent MQTT 5 clients. */
public final class MosquittoClients {
  private MosquittoClients() {}

  /** Publishes one message at QoS 1 and waits for the client to exit successfully. */
  public static void publish(int port, String topic, String message, boolean retained) {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-V",
                "mqttv5",
                "-q",
                "1",
                "-t",
                topic,
                "-m",
                message));
    if (retained) {
      cmd.add("-r");
    }
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("mosquitto_pub hung");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "mosquitto_pub failed: " + new String(p.getInputStream().readAllBytes()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A running mosquitto_sub printing "topic payload" lines. */
  public static final class Subscription implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public Subscription(int port, String filter) {
      try {
        process =
            new ProcessBuilder(
                    "stdbuf",
                    "-oL",
                    "mosquitto_sub",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(port),
                    "-V",
                    "mqttv5",
                    "-q",
                    "1",
                    "-t",
                    filter,
                    "-v",
                    "-d")
                .redirectErrorStream(true)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread reader = new Thread(this::read, "mosquitto-sub-reader");
      reader.setDaemon(true);
      reader.start();
      Await.until(
          Duration.ofSeconds(10),
          () -> lines.stream().anyMatch(l -> l.contains("SUBACK")),
          "SUBACK");
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // process ended
      }
    }

    /** Lines that are messages ("topic payload"), not debug output. */
    public List<String> messages() {
      return lines.stream().filter(l -> l.startsWith("vpp/")).toList();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
