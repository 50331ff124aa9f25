package org.openvpp.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process exits 2 on a bad configuration, naming each bad key, before starting anything.
 */
class BadConfigIT {
  @TempDir Path dir;
  private NodeRun node;

  @AfterEach
  void kill() {
    if (node != null) {
      node.kill();
    }
  }

  @Test
  void badValuesFromEverySourceExitTwoWithEachKeyNamed() throws Exception {
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "api:\n  port: 99999\nchain:\n  rpcurl: http://x:1\n");
    node =
        NodeRun.start(
            dir,
            Map.of("VPP_NODE_CHAIN_ID", "abc"),
            "--config",
            config.toString(),
            "--log-level",
            "LOUD");

    assertThat(node.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = node.log();
    assertThat(node.process().exitValue()).as(log).isEqualTo(2);
    assertThat(log)
        .contains("error: api.port (config file " + config + "): out of range")
        .contains("error: chain.rpcurl (config file " + config + "): unknown key (did you mean")
        .contains("error: chain.id (environment VPP_NODE_CHAIN_ID): wrong type")
        .contains("error: log.level (flag --log-level): wrong value")
        .doesNotContain("starting");
  }

  @Test
  void aMissingConfigFileExitsTwo() throws Exception {
    node = NodeRun.start(dir, Map.of(), "--config", dir.resolve("none.yaml").toString());
    assertThat(node.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.process().exitValue()).isEqualTo(2);
    assertThat(node.log()).contains("error: config file (" + dir.resolve("none.yaml") + ")");
  }
}
