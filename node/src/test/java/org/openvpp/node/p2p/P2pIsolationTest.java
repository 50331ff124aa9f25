package org.openvpp.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The p2p package stands alone (so it can move to its own module or give way to jvm-libp2p): no
 * source in it may import anything of ours outside {@code org.openvpp.node.p2p}.
 */
class P2pIsolationTest {
  private static final Pattern FOREIGN_IMPORT =
      Pattern.compile(
          "^import\\s+(static\\s+)?org\\.openvpp\\.(?!node\\.p2p[.;]).*", Pattern.MULTILINE);

  @Test
  void p2pSourcesImportNothingElseOfTheNode() throws IOException {
    Path root = Path.of("src/main/java/org/openvpp/node/p2p");
    assertThat(root).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(P2pIsolationTest::importsForeignOpenVppCode)
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).as("p2p files importing the rest of the node").isEmpty();
  }

  @Test
  void theScanRecognisesAForeignImport() {
    assertThat(FOREIGN_IMPORT.matcher("import org.openvpp.node.chain.Client;").find()).isTrue();
    assertThat(FOREIGN_IMPORT.matcher("import static org.openvpp.contracts.X.y;").find()).isTrue();
    assertThat(FOREIGN_IMPORT.matcher("import org.openvpp.node.p2p.crypto.PeerId;").find())
        .isFalse();
  }

  private static boolean importsForeignOpenVppCode(Path file) {
    try {
      return FOREIGN_IMPORT.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
