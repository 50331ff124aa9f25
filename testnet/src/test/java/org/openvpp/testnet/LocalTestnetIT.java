package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.tx.Transactions;

class LocalTestnetIT {

  @Test
  void startsAChainDeploysAdmitsTheOemFundsTheRolesAndWritesTheDeployment(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("deployment.json");
    TestnetConfig base = TestnetConfig.forTests();
    TestnetConfig config =
        new TestnetConfig(0, base.chainId(), 0, file, 500, DeploymentParameters.defaults());
    List<String> steps = new ArrayList<>();
    try (LocalTestnet testnet = LocalTestnet.start(config, steps::add)) {
      var web3j = testnet.chain().web3j();
      var admin = testnet.account(TestnetAccounts.ADMIN);
      var tm = Transactions.manager(web3j, admin, testnet.chain().chainId());
      Deployment deployment = Deployment.read(file);
      assertThat(deployment).isEqualTo(testnet.deployment());

      DeviceRegistry registry =
          DeviceRegistry.load(deployment.deviceRegistry(), web3j, tm, Transactions.gas());
      assertThat(registry.isOemAdmitted(testnet.account(TestnetAccounts.OEM).getAddress()).send())
          .isTrue();
      FlexToken token = FlexToken.load(deployment.flexToken(), web3j, tm, Transactions.gas());
      BigInteger funded = DeploymentParameters.FLEX.multiply(BigInteger.valueOf(500));
      assertThat(token.balanceOf(testnet.account(TestnetAccounts.OWNER).getAddress()).send())
          .isEqualTo(funded);
      assertThat(token.balanceOf(testnet.account(TestnetAccounts.OPERATOR).getAddress()).send())
          .isEqualTo(funded);
      assertThat(steps).anyMatch(s -> s.startsWith("deploying contracts"));
      // The OEM was admitted through the timelock: the admin key holds no governance role.
      assertThat(registry.hasRole(registry.GOVERNANCE_ROLE().send(), admin.getAddress()).send())
          .isFalse();
      assertThat(deployment.timelock()).isNotBlank();
    }
  }

  @Test
  void aFailedStartLeavesNoChainRunning() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      TestnetConfig config =
          new TestnetConfig(
              taken.getLocalPort(), 31337, 0, null, 0, DeploymentParameters.defaults());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> LocalTestnet.start(config, LocalTestnet.ProgressListener.silent()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("anvil");
      assertThat(anvilChildren()).isZero();
    }
  }

  @Test
  void onAChainIdThatIsNoDevChainTheTimelockFundsTheRoles(@TempDir Path dir) throws Exception {
    TestnetConfig config = new TestnetConfig(0, 4_242, 0, null, 7, DeploymentParameters.defaults());
    try (LocalTestnet testnet =
        LocalTestnet.start(config, LocalTestnet.ProgressListener.silent())) {
      var web3j = testnet.chain().web3j();
      var admin = testnet.account(TestnetAccounts.ADMIN);
      var tm = Transactions.manager(web3j, admin, testnet.chain().chainId());
      FlexToken token =
          FlexToken.load(testnet.deployment().flexToken(), web3j, tm, Transactions.gas());
      assertThat(token.hasRole(token.MINTER_ROLE().send(), admin.getAddress()).send()).isFalse();
      assertThat(token.balanceOf(testnet.account(TestnetAccounts.OWNER).getAddress()).send())
          .isEqualTo(DeploymentParameters.FLEX.multiply(BigInteger.valueOf(7)));
    }
  }

  static long anvilChildren() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/anvil")).orElse(false))
        .count();
  }
}
