package org.openvpp.node.p2p.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JDK the project's launcher would run the node on (toolchain/runtimes.sh, JAVA_HOME unset),
 * asked from the script itself rather than assumed, so a results file can say whether it was
 * measured on that JDK.
 */
final class LauncherJdk {
  private LauncherJdk() {}

  /** The launcher's {@code java}, or empty when the script is missing or finds none. */
  static Optional<Path> find(Path projectRoot) {
    Path script = projectRoot.resolve("toolchain/runtimes.sh");
    if (!Files.isRegularFile(script)) {
      return Optional.empty();
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder("bash", "-c", ". \"$1\" && find_java", "launcher", script.toString());
      pb.environment().remove("JAVA_HOME");
      Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out;
      try (var in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Path.of(out).toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether this JVM is the launcher's JDK. */
  static boolean isThisJvm(Optional<Path> launcherJava) {
    try {
      Path self = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
      return launcherJava.map(self::equals).orElse(false);
    } catch (IOException e) {
      return false;
    }
  }

  /** The feature release of a {@code java} binary, from its {@code release} file. */
  static Optional<String> release(Path java) {
    Path release = java.getParent().getParent().resolve("release");
    try {
      return Files.readAllLines(release).stream()
          .filter(l -> l.startsWith("JAVA_VERSION="))
          .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
