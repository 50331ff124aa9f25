package org.openvpp.contracts.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures one fork hands back to {@link ForkedRuns}: {@code name=value} lines, written only
 * after the fork checked its results, and atomically (a crashed fork leaves no half file).
 */
public final class ForkOutput {
  private ForkOutput() {}

  public static void write(Path file, Map<String, Double> figures) {
    StringBuilder s = new StringBuilder();
    figures.forEach(
        (k, v) -> {
          if (k.contains("=") || k.contains("\n") || !Double.isFinite(v)) {
            throw new IllegalArgumentException("bad figure " + k + "=" + v);
          }
          s.append(k).append('=').append(v).append('\n');
        });
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, s);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static Map<String, Double> read(Path file) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 1) {
        throw new IllegalStateException("malformed figure line in " + file + ": " + line);
      }
      out.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)));
    }
    return out;
  }
}
