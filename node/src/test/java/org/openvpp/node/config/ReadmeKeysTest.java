package org.openvpp.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** node/README.md lists every key with its default, environment variable and flag. */
class ReadmeKeysTest {
  @Test
  void everyKeyIsDocumentedWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfigKey key : ConfigKeys.ALL) {
      String row =
          "| `"
              + key.name()
              + "` | "
              + (key.defaultValue().isEmpty() ? "*(none)*" : "`" + key.defaultValue() + "`")
              + " | `"
              + key.envName()
              + "`, `"
              + key.flag()
              + "` |";
      assertThat(readme).as("README row for " + key.name()).contains(row);
    }
  }
}
