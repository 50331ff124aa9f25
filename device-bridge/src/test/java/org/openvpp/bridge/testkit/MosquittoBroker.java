package org.openvpp.bridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openvpp.contracts.testing.Await;

/**
 * Mosquitto (Debian package) started as a child process with a generated config on a free loopback
 * port; stopped by PID in every case. Restartable on the same port.
 */
public final class MosquittoBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final List<String> listenerConfig;
  private Process process;

  private MosquittoBroker(Path dir, int port, List<String> listenerConfig) {
    this.dir = dir;
    this.port = port;
    this.listenerConfig = listenerConfig;
  }

  public static MosquittoBroker start(Path dir) {
    return start(dir, List.of("allow_anonymous true"));
  }

  /** Starts with extra lines for the listener (TLS files, password file, …). */
  public static MosquittoBroker start(Path dir, List<String> listenerConfig) {
    MosquittoBroker broker = new MosquittoBroker(dir, freePort(), listenerConfig);
    broker.startProcess();
    return broker;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized void startProcess() {
    try {
      Path conf = dir.resolve("mosquitto.conf");
      Files.createDirectories(dir);
      Files.writeString(
          conf,
          String.join(
              "\n",
              "user root",
              "per_listener_settings false",
              "listener " + port + " 127.0.0.1",
              String.join("\n", listenerConfig),
              "persistence false",
              "max_inflight_messages 1000",
              "max_queued_messages 1000000",
              "max_queued_bytes 0",
              "log_dest stderr",
              "log_type error",
              "log_type warning",
              ""));
      process =
          new ProcessBuilder(binary(), "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("mosquitto.log").toFile())
              .start();
      awaitListening();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start mosquitto", e);
    }
  }

  private void awaitListening() {
    Await.until(
        Duration.ofSeconds(10),
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(
                "mosquitto exited; see " + dir.resolve("mosquitto.log"));
          }
          try {
            new Socket("127.0.0.1", port).close();
            return true;
          } catch (IOException e) {
            return false;
          }
        },
        "mosquitto listening on " + port);
  }

  /** SIGKILL: no persistence is written, in-flight messages are gone. */
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    kill();
  }

  /** Debian installs the broker in /usr/sbin, which a non-login PATH may lack. */
  private static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "mosquitto"))) {
        return java.nio.file.Path.of(dir, "mosquitto").toString();
      }
    }
    return "/usr/sbin/mosquitto";
  }
}
