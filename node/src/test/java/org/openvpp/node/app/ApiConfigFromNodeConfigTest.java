package org.openvpp.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.node.api.ApiConfig;
import org.openvpp.node.config.ConfigLoader;
import org.openvpp.node.config.NodeConfig;

/** The api.* keys reach the API as given; reads-need-token auto keeps the loopback rule. */
class ApiConfigFromNodeConfigTest {
  @TempDir Path dir;

  private ApiConfig api(Map<String, String> flags) {
    NodeConfig config =
        ConfigLoader.load(
            new ConfigLoader.FileChoice(dir.resolve("none.yaml"), false), Map.of(), flags);
    return NodeParts.apiConfig(config);
  }

  @Test
  void autoOpensReadsOnLoopbackOnlyAndAnExplicitValueWins() {
    ApiConfig loopback = api(Map.of("api.body-limit", "2048", "api.port", "0"));
    assertThat(loopback.bodyLimitBytes()).isEqualTo(2048);
    assertThat(loopback.port()).isZero();
    assertThat(loopback.readsNeedToken()).isFalse();
    assertThat(api(Map.of("api.host", "0.0.0.0")).readsNeedToken()).isTrue();
    assertThat(api(Map.of("api.reads-need-token", "true")).readsNeedToken()).isTrue();
    assertThat(api(Map.of("api.host", "0.0.0.0", "api.reads-need-token", "false")).readsNeedToken())
        .isFalse();
  }
}
