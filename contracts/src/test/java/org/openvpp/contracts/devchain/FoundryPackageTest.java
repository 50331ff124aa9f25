package org.openvpp.contracts.devchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which Foundry npm package serves a machine, for every {@code os.name}/{@code os.arch} a JVM
 * reports.
 */
class FoundryPackageTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
    // os.name as JVMs report it, os.arch as JVMs report it, the package npm installs there
    "Linux,          amd64,   @foundry-rs/anvil-linux-amd64",
    "Linux,          x86_64,  @foundry-rs/anvil-linux-amd64",
    "Linux,          aarch64, @foundry-rs/anvil-linux-arm64",
    "Mac OS X,       x86_64,  @foundry-rs/anvil-darwin-amd64",
    "Mac OS X,       aarch64, @foundry-rs/anvil-darwin-arm64",
    "Darwin,         arm64,   @foundry-rs/anvil-darwin-arm64",
    "Windows 11,     amd64,   @foundry-rs/anvil-win32-amd64",
    "Windows Server 2022, amd64, @foundry-rs/anvil-win32-amd64",
  })
  void picksThePackageOfEveryPublishedPlatform(String osName, String osArch, String expected) {
    assertThat(FoundryPackage.forPlatform("anvil", osName, osArch).name()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} / {1} has no package")
  @CsvSource({
    "Linux,      ppc64le",
    "Linux,      s390x",
    "Linux,      riscv64",
    "Linux,      x86",
    "Windows 11, aarch64",
    "FreeBSD,    amd64",
    "SunOS,      sparcv9",
  })
  void namesThePublishedPackagesAndTheOverrideOnAnUnpublishedPlatform(
      String osName, String osArch) {
    assertThatThrownBy(() -> FoundryPackage.forPlatform("cast", osName, osArch))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining(osName + "/" + osArch)
        .hasMessageContaining(
            "@foundry-rs/cast-{linux-amd64,linux-arm64,darwin-amd64,darwin-arm64,win32-amd64}")
        .hasMessageContaining("VPP_CAST");
  }

  @Test
  void everyPublishedPlatformIsAnOptionalDependencyOfTheToolchain() throws IOException {
    String packageJson = Files.readString(Toolchain.directory().resolve("package.json"));
    for (String platform : FoundryPackage.PLATFORMS) {
      for (String tool : new String[] {"anvil", "cast"}) {
        assertThat(packageJson).contains("\"" + new FoundryPackage(tool, platform).name() + "\"");
      }
    }
  }

  @Test
  void windowsBinariesEndInExe() {
    assertThat(new FoundryPackage("cast", "win32-amd64").binary())
        .isEqualTo("@foundry-rs/cast-win32-amd64/bin/cast.exe");
    assertThat(new FoundryPackage("anvil", "darwin-arm64").binary())
        .isEqualTo("@foundry-rs/anvil-darwin-arm64/bin/anvil");
  }

  @Test
  void thisMachinesPackageIsOneOfThePublishedOnes() {
    // The build runs on published platforms only; elsewhere forThisMachine explains itself.
    assertThat(FoundryPackage.PLATFORMS)
        .contains(FoundryPackage.forThisMachine("anvil").platform());
  }

  @Test
  void aMissingPackageIsNamedWithHowToInstallIt(@TempDir Path toolchain) {
    FoundryPackage pkg = new FoundryPackage("anvil", "darwin-arm64");
    assertThatThrownBy(() -> Toolchain.foundry(toolchain, pkg))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@foundry-rs/anvil-darwin-arm64 is not installed")
        .hasMessageContaining("node toolchain/ensure.mjs");
  }

  @Test
  void anInstalledPackageYieldsItsBinary(@TempDir Path toolchain) throws IOException {
    FoundryPackage pkg = new FoundryPackage("anvil", "linux-arm64");
    Path binary = toolchain.resolve("node_modules").resolve(pkg.binary());
    Files.createDirectories(binary.getParent());
    Files.writeString(binary, "#!/bin/sh\n");
    assertThat(binary.toFile().setExecutable(true)).isTrue();
    assertThat(Toolchain.foundry(toolchain, pkg)).isEqualTo(binary);
  }
}
