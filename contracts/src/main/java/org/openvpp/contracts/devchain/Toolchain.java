package org.openvpp.contracts.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

  /** An executable shipped by an npm package, by its path under {@code node_modules}. */
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

  /** The Anvil dev chain binary for this machine (see {@link #foundry}). */
  public static Path anvil() {
    return foundry("anvil");
  }

  /** Foundry's cast binary for this machine (see {@link #foundry}). */
  public static Path cast() {
    return foundry("cast");
  }

  /**
   * A Foundry binary: the one named by the {@code vpp.<tool>} system property or the {@code
   * VPP_<TOOL>} environment variable when set (for a platform Foundry publishes no package for),
   * otherwise the one from this platform's npm package, {@link FoundryPackage#forThisMachine}.
   */
  static Path foundry(String tool) {
    String override = System.getProperty("vpp." + tool, System.getenv(overrideVariable(tool)));
    if (override != null && !override.isBlank()) {
      Path binary = Path.of(override);
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            overrideVariable(tool) + "=" + override + " is not an executable file");
      }
      return binary;
    }
    return foundry(directory(), FoundryPackage.forThisMachine(tool));
  }

  /** The binary of {@code pkg} under {@code toolchain}, or an error naming the package. */
  static Path foundry(Path toolchain, FoundryPackage pkg) {
    Path binary = toolchain.resolve("node_modules").resolve(pkg.binary());
    if (!Files.isExecutable(binary)) {
      // npm skips an optional dependency whose os/cpu do not match, or with --omit=optional.
      throw new IllegalStateException(
          pkg.name()
              + " is not installed ("
              + binary
              + " is missing): it is the optional dependency of toolchain/package.json for "
              + pkg.platform()
              + "; install the toolchain with `node toolchain/ensure.mjs` (the Maven build does it"
              + " too), or `npm install --no-save "
              + pkg.name()
              + "` in toolchain/ if optional dependencies are turned off");
    }
    return binary;
  }

  /** The environment variable that points at a hand-built {@code tool}, e.g. {@code VPP_ANVIL}. */
  static String overrideVariable(String tool) {
    return "VPP_" + tool.toUpperCase(Locale.ROOT);
  }

  /** The repository root, if the toolchain sits inside one. */
  public static Optional<Path> repositoryRoot() {
    return Optional.ofNullable(directory().getParent());
  }
}
