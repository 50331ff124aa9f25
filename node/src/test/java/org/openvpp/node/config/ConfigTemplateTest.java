package org.openvpp.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTemplateTest {
  @TempDir Path dir;

  @Test
  void theWrittenFileReadsBackToTheSameValuesAndDocumentsEveryKey() throws IOException {
    NodeConfig given =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("absent.yaml"), false),
            Map.of("VPP_NODE_API_PORT", "9100"),
            Map.of("p2p.agent", "quote\"and\\slash", "broker.url", "tcp://10.0.0.2:1883"));
    Path f = dir.resolve("node.yaml");
    String text = ConfigTemplate.render(given);
    Files.writeString(f, text);

    NodeConfig read = ConfigLoader.load(new ConfigLoader.FileChoice(f, true), Map.of(), Map.of());

    assertThat(read.api().port()).isEqualTo(9100);
    assertThat(read.p2p().get("p2p.agent")).isEqualTo("quote\"and\\slash");
    assertThat(read.broker().url()).contains("tcp://10.0.0.2:1883");
    assertThat(read.databaseUrl()).isEqualTo(given.databaseUrl());
    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(text).contains(key.description());
      assertThat(read.effective().get(key.name()).source()).startsWith("config file");
    }
  }
}
