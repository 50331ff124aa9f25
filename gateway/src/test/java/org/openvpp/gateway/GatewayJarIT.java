package org.openvpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable {@code target/vpp-gateway.jar} (what {@code ./vpp gateway} starts), as a real
 * process: its manifest finds GatewayMain and the lib/ class path; help exits 0, bad arguments 2.
 */
class GatewayJarIT {
  private static final Path JAR = Path.of("target/vpp-gateway.jar");

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("mvn package builds the jar").exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("gateway-out", ".txt");
    Path err = Files.createTempFile("gateway-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("vpp-gateway.jar did not exit within 60 s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void helpExitsZeroAndPrintsUsage() throws Exception {
    Result r = run("--help");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("usage: gateway run|keys-init").contains("keys-init");
  }

  @Test
  void unknownCommandOrMissingConfigExitsTwoWithUsage() throws Exception {
    for (String[] args : new String[][] {{}, {"start"}, {"run"}, {"run", "a", "b"}}) {
      Result r = run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains("usage: gateway run|keys-init");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void aConfigFileThatDoesNotExistIsAClearErrorNotAHang() throws Exception {
    Result r = run("keys-init", "does-not-exist.properties");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("does-not-exist.properties");
  }
}
