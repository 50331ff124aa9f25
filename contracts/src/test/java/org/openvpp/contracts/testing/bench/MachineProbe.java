package org.openvpp.contracts.testing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a benchmark ran on, detected rather than written down: CPU model and cores, memory, OS, JDK,
 * load average, and the version line of an external tool (a broker). Linux /proc is read when
 * present; elsewhere the fields say "unknown".
 */
public final class MachineProbe {
  private MachineProbe() {}

  /** CPU, cores, memory, OS and JDK of this JVM's machine. */
  public static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
    m.put(
        "cpu",
        cpuinfo.stream()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("unknown"));
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    m.put("cpuinfoProcessors", cpuinfo.stream().filter(l -> l.startsWith("processor")).count());
    m.put("memoryTotalMb", meminfoMb("MemTotal").map(Object.class::cast).orElse("unknown"));
    m.put("memoryAvailableMb", meminfoMb("MemAvailable").map(Object.class::cast).orElse("unknown"));
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("jdk", jdk());
    return m;
  }

  /** Vendor, VM and exact version of this JVM (the forks run the same java binary). */
  public static String jdk() {
    return System.getProperty("java.vm.vendor")
        + " "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version");
  }

  /** Load average over 1, 5 and 15 minutes and running/total tasks, as the kernel reports it. */
  public static Map<String, Object> loadAverage() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> l = lines(Path.of("/proc/loadavg"));
    if (l.isEmpty()) {
      m.put("loadAverage", "unknown");
      return m;
    }
    String[] f = l.get(0).trim().split("\\s+");
    m.put("oneMinute", Double.parseDouble(f[0]));
    m.put("fiveMinutes", Double.parseDouble(f[1]));
    m.put("fifteenMinutes", Double.parseDouble(f[2]));
    m.put("runnableTasks", f[3]);
    m.put("at", java.time.Instant.now().toString());
    return m;
  }

  /**
   * The first non-blank line a tool prints, e.g. {@code mosquitto -h} → "mosquitto version 2.0.11";
   * empty when it is not installed or prints nothing within 10 s.
   */
  public static Optional<String> toolVersion(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out;
      try (var in = p.getInputStream()) {
        out = in.readNBytes(4096);
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new String(out, java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<Long> meminfoMb(String key) {
    return lines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith(key + ":"))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
        .findFirst();
  }

  private static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }
}
