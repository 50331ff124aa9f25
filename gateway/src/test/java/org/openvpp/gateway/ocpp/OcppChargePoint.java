package org.openvpp.gateway.ocpp;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openvpp.contracts.testing.Await;

/**
 * The ocpp-rpc charge point of {@code src/test/js/ocpp/charge-point.mjs} as a child process: its
 * JSON events from stdout, its commands on stdin. Installs the pinned npm packages first.
 */
final class OcppChargePoint implements AutoCloseable {
  static final Path DIR = Path.of("src/test/js/ocpp");
  private final Process process;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  private OcppChargePoint(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLoop, "ocpp-cp-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static OcppChargePoint start(JsonObject options) {
    ensureInstalled();
    try {
      Process p =
          new ProcessBuilder("node", "charge-point.mjs", options.encode())
              .directory(DIR.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      return new OcppChargePoint(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void ensureInstalled() {
    String toolchain = System.getProperty("vpp.toolchain", "../toolchain");
    try {
      Process p =
          new ProcessBuilder("node", Path.of(toolchain, "ensure.mjs").toString(), DIR.toString())
              .inheritIO()
              .start();
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("installing ocpp-rpc failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a command line ({"cmd": ...}) to the charge point. */
  void command(String cmd) {
    OutputStream in = process.getOutputStream();
    try {
      in.write((new JsonObject().put("cmd", cmd).encode() + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonObject> events(String kind) {
    return events.stream().filter(e -> kind.equals(e.getString("event"))).toList();
  }

  Optional<JsonObject> last(String kind) {
    List<JsonObject> l = events(kind);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
  }

  /** Waits for an event of this kind that matches. */
  JsonObject await(String kind, Predicate<JsonObject> match, Duration timeout) {
    return Await.value(
        timeout,
        () -> events(kind).stream().filter(match).findFirst().orElse(null),
        "charge point event " + kind);
  }

  JsonObject await(String kind, Duration timeout) {
    return await(kind, e -> true, timeout);
  }

  private void readLoop() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("{")) {
          events.add(new JsonObject(line));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended; the events so far stay readable
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
