package org.openvpp.contracts.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

class WalletFilesTest {
  @TempDir Path dir;

  @Test
  void aPasswordFileLosesOnlyItsLineEndSoSpacesInThePasswordSurvive() throws Exception {
    ECKeyPair key = Keys.createEcKeyPair();
    Path wallet = dir.resolve(WalletUtils.generateWalletFile(" pw ", key, dir.toFile(), false));
    Path password = Files.writeString(dir.resolve("pw"), " pw \r\n");
    assertThat(
            WalletFiles.unlock(wallet, Optional.of(password), Map.of(), "ENV", "--password-file")
                .getEcKeyPair()
                .getPrivateKey())
        .isEqualTo(key.getPrivateKey());
  }

  @Test
  void thePasswordFileWinsOverTheEnvironment() throws Exception {
    Path wallet =
        dir.resolve(
            WalletUtils.generateWalletFile("file", Keys.createEcKeyPair(), dir.toFile(), false));
    Path password = Files.writeString(dir.resolve("pw"), "file");
    assertThat(
            WalletFiles.unlock(wallet, Optional.of(password), Map.of("ENV", "env"), "ENV", "--pw"))
        .isNotNull();
    assertThatThrownBy(
            () -> WalletFiles.unlock(wallet, Optional.empty(), Map.of("ENV", "env"), "ENV", "--pw"))
        .hasMessageContaining("wrong password")
        .hasMessageNotContaining("env\"");
  }

  @Test
  void aMissingPasswordFileIsNamed() throws Exception {
    Path wallet =
        dir.resolve(
            WalletUtils.generateWalletFile("x", Keys.createEcKeyPair(), dir.toFile(), false));
    assertThatThrownBy(
            () ->
                WalletFiles.unlock(
                    wallet, Optional.of(dir.resolve("nope")), Map.of(), "ENV", "--pw"))
        .hasMessageContaining("cannot read the password file");
  }
}
