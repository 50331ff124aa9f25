package org.openvpp.contracts.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;

/** A JVM killed with SIGKILL runs no shutdown hook: its chain must still stop. */
class AnvilOrphanIT {

  /** Child-JVM entry point: start a chain, print its port, then wait to be killed. */
  public static void main(String[] args) throws Exception {
    Anvil anvil = Anvil.start();
    System.out.println("PORT " + anvil.port());
    System.out.flush();
    // Block until the parent closes our stdin (it never writes), i.e. until it kills us or dies:
    // no fixed lifetime, and no orphaned child JVM if the test itself is killed.
    while (System.in.read() >= 0) {
      // ignore input
    }
  }

  @Test
  void aChainStopsWhenItsJvmIsKilledWithSigkill() throws Exception {
    Process jvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dvpp.toolchain=" + System.getProperty("vpp.toolchain"),
                AnvilOrphanIT.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      int port = readPort(jvm);
      assertThat(listening(port)).isTrue();

      jvm.destroyForcibly(); // SIGKILL
      assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

      Await.until(
          Duration.ofSeconds(10), () -> !listening(port), "anvil on port " + port + " to stop");
    } finally {
      jvm.destroyForcibly();
    }
  }

  private static int readPort(Process jvm) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
        return Integer.parseInt(line.substring(5).trim());
      }
    }
    throw new AssertionError("child JVM printed no port");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
