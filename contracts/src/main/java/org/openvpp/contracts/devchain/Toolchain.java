package org.openvpp.contracts.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the pinned npm toolchain ({@code toolchain/node_modules}): from the {@code vpp.toolchain}
 * system property, the {@code VPP_TOOLCHAIN} environment variable, or by walking up from the
 * working directory to the repository root.
 */
public final class Toolchain {
  private Toolchain() {}

  public static Path directory() {
    String configured = System.getProperty("vpp.toolchain", System.getenv("VPP_TOOLCHAIN"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("toolchain");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "toolchain/ not found: run from inside the repository or set VPP_TOOLCHAIN");
  }

  /** A binary shipped by an npm package, e.g. {@code @foundry-rs/anvil-linux-amd64/bin/anvil}. */
  public static Path binary(String packageRelativePath) {
    Path binary = directory().resolve("node_modules").resolve(packageRelativePath);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " is missing: install the toolchain with `node toolchain/ensure.mjs`"
              + " (the Maven build does it too)");
    }
    return binary;
  }

  public static Path anvil() {
    return binary("@foundry-rs/anvil-linux-amd64/bin/anvil");
  }

  public static Path cast() {
    return binary("@foundry-rs/cast-linux-amd64/bin/cast");
  }

  /** The repository root, if the toolchain sits inside one. */
  public static Optional<Path> repositoryRoot() {
    return Optional.ofNullable(directory().getParent());
  }
}
