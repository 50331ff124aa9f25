package org.openvpp.bridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openvpp.contracts.testing.Await;

/** The standalone bridge ({@code BridgeMain}) as a child JVM, killable with SIGKILL. */
public final class BridgeProcess implements AutoCloseable {
  private final Path config;
  private final Path log;
  private Process process;
  private int starts;

  public BridgeProcess(Path config, Path log) {
    this.config = config;
    this.log = log;
  }

  public void start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      Path out = log.resolveSibling(log.getFileName() + "." + (++starts));
      process =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "org.openvpp.bridge.BridgeMain",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      // A hang detector, not a speed test: on a loaded 2-core machine a cold bridge JVM took over
      // 30 s (logback set-up 5 s, unlocking the node key 14 s).
      Await.until(
          Duration.ofSeconds(120),
          () -> contains(out, "device bridge ready") || !process.isAlive(),
          "bridge process ready");
      if (!process.isAlive()) {
        throw new AssertionError("bridge process died: " + Files.readString(out));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.exists(file) && Files.readString(file).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL: no shutdown hook runs. */
  public void kill() {
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
}
