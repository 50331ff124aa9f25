package org.openvpp.contracts.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openvpp.contracts.devchain.Toolchain;
import org.web3j.utils.Numeric;

/**
 * The independent side of the Merkle interop tests: {@code contracts/scripts/oz-merkle.mjs} builds
 * the tree with {@code @openzeppelin/merkle-tree} from {@code {"types": [...], "values": [...]}} on
 * stdin and prints its root and every value's proof.
 */
public final class OpenZeppelinMerkle {
  private OpenZeppelinMerkle() {}

  /**
   * Runs the script on {@code input} and returns its JSON answer ({@code root}, {@code proofs}).
   */
  public static JsonNode run(String input) throws Exception {
    Path script =
        Toolchain.repositoryRoot().orElseThrow().resolve("contracts/scripts/oz-merkle.mjs");
    Process p =
        new ProcessBuilder("node", script.toString(), Toolchain.directory().toString()).start();
    p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    return TypedDataFixtures.JSON.readTree(out);
  }

  /** Asserts our root and the proof of each of the {@code size} values equal OpenZeppelin's. */
  public static void assertSameTree(
      JsonNode oz, byte[] root, int size, IntFunction<List<byte[]>> proof) {
    assertThat(Numeric.toHexString(root)).isEqualTo(oz.path("root").asText());
    for (int i = 0; i < size; i++) {
      List<String> expected = new ArrayList<>();
      oz.path("proofs").get(i).forEach(p -> expected.add(p.asText()));
      assertThat(proof.apply(i)).map(Numeric::toHexString).isEqualTo(expected);
    }
  }
}
