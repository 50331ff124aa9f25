package org.openvpp.contracts.testing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhRunTest {
  @TempDir Path dir;

  private static String bench(String name, String unit, String rawData) {
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"org.example.micro."
        + name
        + "\",\"primaryMetric\":{\"scoreUnit\":\""
        + unit
        + "\",\"rawData\":"
        + rawData
        + "}}";
  }

  @Test
  void readsEveryIterationOfEveryForkPerBenchmark() throws Exception {
    Path json = dir.resolve("jmh.json");
    Files.writeString(
        json,
        "["
            + bench("A.x", "ops/s", "[[1.0,2.0],[3.0,4.5]]")
            + ","
            + bench("B.y", "ops/s", "[[7.0]]")
            + "]");
    JmhRun.Result r = JmhRun.read(json, "org.example.micro");
    assertThat(r.jmhVersion()).isEqualTo("1.37");
    assertThat(r.opsPerSecond()).containsOnlyKeys("A.x", "B.y");
    assertThat(r.opsPerSecond().get("A.x")).containsExactly(1.0, 2.0, 3.0, 4.5);
    assertThat(r.opsPerSecond().get("B.y")).isEqualTo(List.of(7.0));
  }

  @Test
  void refusesABenchmarkNotMeasuredInOpsPerSecond() throws Exception {
    Path json = dir.resolve("jmh.json");
    Files.writeString(json, "[" + bench("A.x", "us/op", "[[1.0]]") + "]");
    assertThatThrownBy(() -> JmhRun.read(json, "org.example.micro"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("A.x is not measured in ops/s");
  }

  @Test
  void saysHowToBuildTheBenchmarksWhenTheyAreAbsent() {
    // The contracts test class path has no JMH benchmark list.
    assertThatThrownBy(
            () ->
                JmhRun.run(
                    "org.example.micro",
                    1,
                    1,
                    "64m",
                    dir,
                    Duration.ofMinutes(1),
                    "bench/README.md"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run with -Pbench (see bench/README.md)");
  }
}
