package org.openvpp.wallet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.wallet.testing.WalletCli;
import org.openvpp.wallet.testing.WalletCli.Result;

/** Failures before any chain answers: unreachable RPC, malformed URL, missing deployment. */
class NetworkErrorsTest {
  @TempDir Path dir;
  private WalletCli cli;
  private Path deployment;

  @BeforeEach
  void setUp() {
    deployment = dir.resolve("deployment.json");
    new Deployment(
            31337,
            0,
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            null,
            Map.of(
                "FlexToken", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                "DeviceRegistry", "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
                "NodeRegistry", "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"),
            Map.of())
        .write(deployment);
    cli = new WalletCli(dir.resolve("home")).env("VPP_WALLET_DEPLOYMENT", deployment.toString());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableRpcIsExitFourWithAHint() throws Exception {
    Result r =
        cli.run(
            "--rpc",
            "http://127.0.0.1:" + closedPort(),
            "token",
            "balance",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).startsWith("error: cannot reach the JSON-RPC endpoint").contains("--rpc");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void aMalformedRpcUrlOrAddressIsExitTwo() {
    Result url =
        cli.run(
            "--rpc",
            "localhost:8545",
            "token",
            "balance",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(url.code()).isEqualTo(2);
    assertThat(url.err()).contains("malformed RPC URL");
    Result address = cli.run("token", "balance", "0x7099");
    assertThat(address.code()).isEqualTo(2);
    assertThat(address.err()).contains("malformed address '0x7099'").contains("40 hex digits");
  }

  @Test
  void aMissingDeploymentFileSaysWhereToGetOne() {
    Result r =
        cli.env("VPP_WALLET_DEPLOYMENT", dir.resolve("nope.json").toString())
            .run("token", "balance", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("does not exist").contains("./vpp testnet");
    Result none =
        cli.env("VPP_WALLET_DEPLOYMENT", null)
            .run("token", "balance", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--deployment FILE");
  }
}
