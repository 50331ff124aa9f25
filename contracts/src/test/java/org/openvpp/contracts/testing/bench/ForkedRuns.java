package org.openvpp.contracts.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a benchmark's main class in fresh JVMs, one run per fork, and collects the figures each fork
 * wrote with {@link ForkOutput}. A fork starts with the parent's class path and no JIT profile or
 * heap left over from another figure, so runs are independent; any fork that fails, times out or
 * writes no figures fails the whole benchmark (a missing run is never skipped).
 *
 * <p>The fork's main class receives the path of its output file as the first argument, then the
 * given arguments; its console goes to {@code <workDir>/<label>-<n>.log}.
 */
public final class ForkedRuns {
  private final Path workDir;
  private final List<String> jvmArgs;
  private final long timeoutSeconds;

  /**
   * @param workDir where fork logs and outputs go
   * @param jvmArgs options for every fork (heap size, system properties)
   * @param timeoutSeconds a fork still running after this is killed and the benchmark fails
   */
  public ForkedRuns(Path workDir, List<String> jvmArgs, long timeoutSeconds) {
    this.workDir = workDir;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Runs {@code main} in {@code forks} fresh JVMs, one after the other; figures per fork. */
  public List<Map<String, Double>> run(String label, Class<?> main, int forks, String... args) {
    List<Map<String, Double>> results = new ArrayList<>();
    for (int fork = 1; fork <= forks; fork++) {
      results.add(runOnce(label + "-" + fork, main, args));
    }
    return results;
  }

  /** Runs every figure's {@code forks} runs and summarizes each figure over the runs. */
  public Map<String, Summary> summarize(
      String label, Class<?> main, int forks, int minRuns, String... args) {
    return summarizeFigures(run(label, main, forks, args), minRuns);
  }

  /** Per figure: its summary over the forks; every fork must have reported every figure. */
  public static Map<String, Summary> summarizeFigures(
      List<Map<String, Double>> forks, int minRuns) {
    Map<String, List<Double>> byFigure = new LinkedHashMap<>();
    for (Map<String, Double> fork : forks) {
      fork.forEach((k, v) -> byFigure.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, Summary> out = new LinkedHashMap<>();
    byFigure.forEach(
        (k, v) -> {
          if (v.size() != forks.size()) {
            throw new IllegalStateException(
                k + " reported by " + v.size() + " of " + forks.size() + " forks");
          }
          out.put(k, Summary.of(v, minRuns));
        });
    return out;
  }

  private Map<String, Double> runOnce(String name, Class<?> main, String... args) {
    try {
      Files.createDirectories(workDir);
      Path output = workDir.resolve(name + ".figures");
      Path log = workDir.resolve(name + ".log");
      Files.deleteIfExists(output);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(main.getName());
      command.add(output.toString());
      command.addAll(List.of(args));
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              name + " still running after " + timeoutSeconds + " s; see " + log);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + name + " ran", e);
      } finally {
        // Also kills the fork's own children (a broker it started) when it hangs.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(name + " failed (exit " + p.exitValue() + "); see " + log);
      }
      Map<String, Double> figures = ForkOutput.read(output);
      if (figures.isEmpty()) {
        throw new IllegalStateException(name + " wrote no figures; see " + log);
      }
      return figures;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run fork " + name, e);
    }
  }
}
