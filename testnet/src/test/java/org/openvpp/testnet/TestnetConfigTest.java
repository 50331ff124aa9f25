package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
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
    Run run = deploy("--rpc", "http://127.0.0.1:1");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.output()).contains("--key-file", "VPP_DEPLOYER_KEY");
  }

  @Test
  void deploySaysWhenTheRpcIsUnreachable(@TempDir Path dir) throws Exception {
    Run run = deployWithWallet(dir, "pw", "pw\n");
    assertThat(run.code()).isEqualTo(3);
    assertThat(run.output()).contains("cannot reach", "is the node running?");
  }

  @Test
  void deployRefusesAWrongWalletPasswordWithoutEchoingIt(@TempDir Path dir) throws Exception {
    Run run = deployWithWallet(dir, "right", "wrong-secret");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.output()).contains("no usable deployer key").doesNotContain("wrong-secret");
  }

  /** Exit code and printed text of one in-process {@code vpp deploy}. */
  private record Run(int code, String output) {}

  private static Run deploy(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = new CommandLine(new DeployMain(out)).execute(args);
    return new Run(code, buffer.toString(StandardCharsets.UTF_8));
  }

  /** Deploys to an unreachable RPC with a fresh wallet and the given password-file content. */
  private static Run deployWithWallet(Path dir, String walletPassword, String passwordFileContent)
      throws Exception {
    Path wallet =
        dir.resolve(
            WalletUtils.generateWalletFile(
                walletPassword, Keys.createEcKeyPair(), dir.toFile(), false));
    Path password = Files.writeString(dir.resolve("password"), passwordFileContent);
    return deploy(
        "--rpc",
        "http://127.0.0.1:1",
        "--key-file",
        wallet.toString(),
        "--password-file",
        password.toString());
  }
}
