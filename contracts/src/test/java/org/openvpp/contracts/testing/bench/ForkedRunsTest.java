package org.openvpp.contracts.testing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedRunsTest {
  /** A fork: reports its own process id (so forks are told apart) and its argument. */
  public static final class Reporter {
    private Reporter() {}

    public static void main(String[] args) {
      if (args[1].equals("fail")) {
        System.exit(3);
      }
      if (args[1].equals("silent")) {
        return;
      }
      ForkOutput.write(
          Path.of(args[0]),
          Map.of(
              "pid", (double) ProcessHandle.current().pid(), "arg", Double.parseDouble(args[1])));
    }
  }

  @Test
  void everyRunIsItsOwnJvmAndEveryFigureIsSummarized(@TempDir Path dir) {
    ForkedRuns forks = new ForkedRuns(dir, List.of("-Xmx64m"), 60);
    List<Map<String, Double>> runs = forks.run("reporter", Reporter.class, 2, "42");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("pid")).isNotEqualTo(runs.get(1).get("pid"));
    assertThat(runs.get(0).get("pid")).isNotEqualTo((double) ProcessHandle.current().pid());
    Map<String, Summary> s = ForkedRuns.summarizeFigures(runs, 2);
    assertThat(s.get("arg").median()).isEqualTo(42.0);
    assertThat(s.get("arg").runs()).containsExactly(42.0, 42.0);
  }

  @Test
  void aFailedOrSilentForkFailsTheBenchmark(@TempDir Path dir) {
    ForkedRuns forks = new ForkedRuns(dir, List.of("-Xmx64m"), 60);
    assertThatThrownBy(() -> forks.run("failing", Reporter.class, 1, "fail"))
        .hasMessageContaining("exit 3");
    assertThatThrownBy(() -> forks.run("silent", Reporter.class, 1, "silent"))
        .hasMessageContaining("wrote no figures");
  }

  @Test
  void aFigureMissingFromOneForkFailsTheSummary() {
    assertThatThrownBy(
            () ->
                ForkedRuns.summarizeFigures(
                    List.of(Map.of("a", 1.0, "b", 2.0), Map.of("a", 1.0)), 1))
        .hasMessageContaining("b reported by 1 of 2 forks");
  }
}
