package org.openvpp.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

class NodeKeyFileTest {
  @TempDir Path dir;

  private ECKeyPair key;
  private Path wallet;

  @BeforeEach
  void writeWallet() throws Exception {
    key = Keys.createEcKeyPair();
    wallet = dir.resolve(WalletUtils.generateWalletFile("correct horse", key, dir.toFile(), false));
  }

  @Test
  void unlocksTheWalletWithAPasswordFile() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "correct horse\n");
    assertThat(NodeKeyFile.load(wallet, Optional.of(password), Map.of()).getPrivateKey())
        .isEqualTo(key.getPrivateKey());
  }

  @Test
  void unlocksTheWalletWithThePasswordFromTheEnvironment() {
    var env = Map.of(NodeKeyFile.PASSWORD_ENV, "correct horse");
    assertThat(NodeKeyFile.load(wallet, Optional.empty(), env).getPrivateKey())
        .isEqualTo(key.getPrivateKey());
  }

  @Test
  void aWrongPasswordIsAClearErrorThatDoesNotEchoThePassword() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "battery staple");
    assertThatThrownBy(() -> NodeKeyFile.load(wallet, Optional.of(password), Map.of()))
        .hasMessageContaining("wrong password")
        .hasMessageNotContaining("battery staple");
  }

  @Test
  void aMissingPasswordSaysWhereToPutIt() {
    assertThatThrownBy(() -> NodeKeyFile.load(wallet, Optional.empty(), Map.of()))
        .hasMessageContaining("bridge.node.key.password.file")
        .hasMessageContaining(NodeKeyFile.PASSWORD_ENV);
  }

  @Test
  void aPlainHexKeyFileIsRefused() throws Exception {
    Path hex = Files.writeString(dir.resolve("node.key"), "0x" + "11".repeat(32));
    assertThatThrownBy(
            () -> NodeKeyFile.load(hex, Optional.empty(), Map.of(NodeKeyFile.PASSWORD_ENV, "x")))
        .hasMessageContaining("plain hex keys are not accepted")
        .hasMessageNotContaining("1111");
  }
}
