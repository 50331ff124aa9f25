package org.openvpp.contracts.devchain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The npm package that carries one Foundry binary (Anvil or cast) for one operating system and CPU,
 * e.g. {@code @foundry-rs/anvil-darwin-arm64}. The toolchain lists the package of every platform as
 * an optional dependency and npm installs only the one whose {@code os}/{@code cpu} match the
 * machine, so the same choice is made here at run time from the JVM's {@code os.name} and {@code
 * os.arch}.
 *
 * @param tool {@code anvil} or {@code cast}
 * @param platform one of {@link #PLATFORMS}, in Foundry's naming ({@code <npm os>-<Go arch>})
 */
public record FoundryPackage(String tool, String platform) {
  /** The platforms Foundry publishes packages for (1.7.1), as in {@code toolchain/package.json}. */
  public static final List<String> PLATFORMS =
      List.of("linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "win32-amd64");

  public FoundryPackage {
    if (!PLATFORMS.contains(platform)) {
      throw new IllegalArgumentException("no Foundry platform " + platform);
    }
  }

  /** The package of {@code tool} for the machine this JVM runs on. */
  public static FoundryPackage forThisMachine(String tool) {
    return forPlatform(tool, System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /**
   * The package of {@code tool} for a JVM reporting these {@code os.name} and {@code os.arch}.
   *
   * @throws UnsupportedOperationException when Foundry publishes no package for that platform; the
   *     message names the packages that exist and the override to use instead
   */
  public static FoundryPackage forPlatform(String tool, String osName, String osArch) {
    return platform(osName, osArch)
        .map(platform -> new FoundryPackage(tool, platform))
        .orElseThrow(
            () ->
                new UnsupportedOperationException(
                    "Foundry publishes no "
                        + tool
                        + " package for "
                        + osName
                        + "/"
                        + osArch
                        + " (only @foundry-rs/"
                        + tool
                        + "-{"
                        + String.join(",", PLATFORMS)
                        + "}): build "
                        + tool
                        + " 1.7.1 for this machine and point "
                        + Toolchain.overrideVariable(tool)
                        + " at it"));
  }

  /** Foundry's name for the platform of {@code os.name}/{@code os.arch}, if it publishes one. */
  static Optional<String> platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String npmOs =
        os.startsWith("linux")
            ? "linux"
            : os.startsWith("mac") || os.startsWith("darwin")
                ? "darwin"
                : os.startsWith("windows") ? "win32" : null;
    String arch =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86_64", "x64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> null;
        };
    if (npmOs == null || arch == null) {
      return Optional.empty();
    }
    String platform = npmOs + "-" + arch;
    return PLATFORMS.contains(platform) ? Optional.of(platform) : Optional.empty();
  }

  /** The npm package name, e.g. {@code @foundry-rs/anvil-linux-amd64}. */
  public String name() {
    return "@foundry-rs/" + tool + "-" + platform;
  }

  /**
   * The binary's path inside {@code node_modules}, e.g.
   * {@code @foundry-rs/cast-win32-amd64/bin/cast.exe}.
   */
  public String binary() {
    return name() + "/bin/" + tool + (platform.startsWith("win32") ? ".exe" : "");
  }
}
