package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.Deployment;

/**
 * The main job as a user runs it: a separate JVM that prints the deployment, serves the chain until
 * it is told to stop (SIGTERM, as Ctrl-C's SIGINT), and then leaves no chain behind.
 */
class TestnetLauncherIT {

  @Test
  void runsUntilStoppedAndThenStopsTheChain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deployment.json");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dvpp.toolchain=" + System.getProperty("vpp.toolchain"),
                TestnetMain.class.getName(),
                "--rpc-port",
                "0",
                "--deployment-file",
                file.toString(),
                "--fund",
                "10")
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains("Press Ctrl-C")) {
          break;
        }
      }
      assertThat(lines).as(String.join("\n", lines)).anyMatch(l -> l.contains("Press Ctrl-C"));
      assertThat(lines).anyMatch(l -> l.contains("DeviceRegistry"));
      Deployment deployment = Deployment.read(file);
      int port = portOf(lines);
      assertThat(listening(port)).isTrue();
      assertThat(Files.readString(file)).contains(deployment.deviceRegistry());

      p.destroy(); // SIGTERM runs the shutdown hook, like Ctrl-C
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(listening(port)).as("chain stopped with the launcher").isFalse();
    } finally {
      p.destroyForcibly();
    }
  }

  private static int portOf(List<String> lines) {
    for (String l : lines) {
      var m = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(l);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no RPC URL printed");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
