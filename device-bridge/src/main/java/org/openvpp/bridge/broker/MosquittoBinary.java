package org.openvpp.bridge.broker;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the {@code mosquitto} executable: as configured, on PATH, or where Debian puts it. */
public final class MosquittoBinary {
  private MosquittoBinary() {}

  /**
   * The configured binary if it is executable (else empty, so the caller reports it), or the first
   * executable {@code mosquitto} on PATH, /usr/sbin or /usr/local/sbin (a non-login PATH often
   * lacks the sbin directories).
   */
  public static Optional<Path> locate(Optional<Path> configured) {
    if (configured.isPresent()) {
      return configured.filter(MosquittoBinary::executable);
    }
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "mosquitto"));
      }
    }
    candidates.add(Path.of("/usr/sbin/mosquitto"));
    candidates.add(Path.of("/usr/local/sbin/mosquitto"));
    return candidates.stream().filter(MosquittoBinary::executable).findFirst();
  }

  private static boolean executable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
