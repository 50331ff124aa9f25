package org.openvpp.testnet.bench.footprint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the run was measured on, read from the machine itself (never typed in). */
final class MachineFacts {
  private MachineFacts() {}

  static ObjectNode detect() throws IOException {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put(
        "memoryGiB",
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> Math.round(Long.parseLong(v.split("\\s+")[0]) / 1024.0 / 1024.0 * 10) / 10.0)
            .orElse(-1.0));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  /** The 1-minute load average. */
  static double load() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  /** The Java release of the JVM running as {@code pid}, from its binary's JDK release file. */
  static String jdkOf(long pid) {
    try {
      Path java = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"));
      Path release = java.getParent().getParent().resolve("release");
      String vendor = firstValue(release, "IMPLEMENTOR", '=').orElse("");
      String version = firstValue(release, "JAVA_VERSION", '=').orElse("unknown");
      return (vendor + " " + version).replace("\"", "").trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static Optional<String> firstValue(Path file, String key) throws IOException {
    return firstValue(file, key, ':');
  }

  private static Optional<String> firstValue(Path file, String key, char separator)
      throws IOException {
    for (String line : Files.readAllLines(file)) {
      int i = line.indexOf(separator);
      if (i > 0 && line.substring(0, i).trim().equals(key)) {
        return Optional.of(line.substring(i + 1).trim());
      }
    }
    return Optional.empty();
  }
}
