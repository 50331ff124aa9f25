package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.deploy.DeploymentParameters;
import picocli.CommandLine;

class TestnetConfigTest {

  @Test
  void rejectsImpossiblePortsChainIdsAndNegativeFunding() {
    var p = DeploymentParameters.defaults();
    assertThatThrownBy(() -> new TestnetConfig(70_000, 1, 0, null, 0, p))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> new TestnetConfig(0, 0, 0, null, 0, p))
        .hasMessageContaining("chain id");
    assertThatThrownBy(() -> new TestnetConfig(0, 1, 0, null, -1, p))
        .hasMessageContaining("negative");
  }

  @Test
  void helpExplainsEveryOptionWithExamples() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    CommandLine cli =
        new CommandLine(new TestnetMain(out)).setOut(new java.io.PrintWriter(out, true));
    assertThat(cli.execute("--help")).isZero();
    String help = buffer.toString(StandardCharsets.UTF_8);
    assertThat(help)
        .contains(
            "--rpc-port", "--chain-id", "--block-time", "--deployment-file", "--fund", "Examples:");
  }

  @Test
  void deployRefusesToRunWithoutAKeyAndSaysHowToGiveOne() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = new CommandLine(new DeployMain(out)).execute("--rpc", "http://127.0.0.1:1");
    assertThat(code).isEqualTo(2);
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--key-file", "VPP_DEPLOYER_KEY");
  }

  @Test
  void deploySaysWhenTheRpcIsUnreachable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    var wallet =
        dir.resolve(
            org.web3j.crypto.WalletUtils.generateWalletFile(
                "pw", org.web3j.crypto.Keys.createEcKeyPair(), dir.toFile(), false));
    var password = java.nio.file.Files.writeString(dir.resolve("password"), "pw\n");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code =
        new CommandLine(new DeployMain(out))
            .execute(
                "--rpc",
                "http://127.0.0.1:1",
                "--key-file",
                wallet.toString(),
                "--password-file",
                password.toString());
    assertThat(code).isEqualTo(3);
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .contains("cannot reach", "is the node running?");
  }

  @Test
  void deployRefusesAWrongWalletPasswordWithoutEchoingIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    var wallet =
        dir.resolve(
            org.web3j.crypto.WalletUtils.generateWalletFile(
                "right", org.web3j.crypto.Keys.createEcKeyPair(), dir.toFile(), false));
    var password = java.nio.file.Files.writeString(dir.resolve("password"), "wrong-secret");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code =
        new CommandLine(new DeployMain(out))
            .execute(
                "--rpc",
                "http://127.0.0.1:1",
                "--key-file",
                wallet.toString(),
                "--password-file",
                password.toString());
    assertThat(code).isEqualTo(2);
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .contains("no usable deployer key")
        .doesNotContain("wrong-secret");
  }
}
