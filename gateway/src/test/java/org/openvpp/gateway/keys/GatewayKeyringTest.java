package org.openvpp.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class GatewayKeyringTest {
  @TempDir Path dir;

  @Test
  void createsOwnerOnlyWalletFilesAndUnlocksThemWithThePasswordFromTheEnvironment()
      throws Exception {
    GatewayKeyring ring =
        new GatewayKeyring(
            dir, Optional.empty(), Map.of(GatewayKeyring.PASSWORD_ENV, "correct horse"));
    String address = GatewayKeyring.create(ring.deviceFile("battery-1"), "correct horse", true);

    Credentials c = ring.device("battery-1");
    assertThat(c.getAddress()).isEqualTo(address);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(ring.deviceFile("battery-1"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(ring.deviceFile("battery-1")))
        .contains("\"crypto\"")
        .doesNotContain(c.getEcKeyPair().getPrivateKey().toString(16));
  }

  @Test
  void neverOverwritesAKey() {
    Path file = dir.resolve("device-x.json");
    GatewayKeyring.create(file, "pw", true);
    assertThatThrownBy(() -> GatewayKeyring.create(file, "pw", true))
        .hasMessageContaining("device-x.json");
  }

  @Test
  void aWrongPasswordNamesTheFileNotThePassword() {
    GatewayKeyring ring =
        new GatewayKeyring(dir, Optional.empty(), Map.of(GatewayKeyring.PASSWORD_ENV, "wrong-pw"));
    GatewayKeyring.create(ring.deviceFile("inv"), "right-pw", true);
    assertThatThrownBy(() -> ring.device("inv"))
        .hasMessageContaining("device-inv.json")
        .hasMessageNotContaining("wrong-pw")
        .hasMessageNotContaining("right-pw");
  }

  @Test
  void refusesLocalIdsThatCouldEscapeTheKeyDirectory() {
    GatewayKeyring ring = new GatewayKeyring(dir, Optional.empty(), Map.of());
    assertThatThrownBy(() -> ring.deviceFile("../gateway")).hasMessageContaining("local id");
    assertThatThrownBy(() -> ring.device("missing")).hasMessageContaining("does not exist");
  }
}
