package org.openvpp.contracts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.generated.FlexibilityCoordinator;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.tx.Transactions;

class DeployerIT {

  @Test
  void deploysEveryContractWithRolesWiredAndWritesADeploymentFile(@TempDir Path dir)
      throws Exception {
    try (Anvil anvil = Anvil.start()) {
      var admin = anvil.credentials(0);
      Deployment deployment =
          new Deployer(anvil.web3j(), admin, anvil.chainId())
              .deploy(DeploymentParameters.defaults());

      assertThat(deployment.chainId()).isEqualTo(31337);
      assertThat(deployment.deployBlock()).isPositive();
      assertThat(deployment.contracts())
          .containsOnlyKeys(
              "FlexToken",
              "DeviceRegistry",
              "NodeRegistry",
              "FlexibilityCoordinator",
              "Settlement",
              "FraudProofs");

      var tm = Transactions.manager(anvil.web3j(), admin, anvil.chainId());
      FlexToken token =
          FlexToken.load(deployment.flexToken(), anvil.web3j(), tm, Transactions.gas());
      assertThat(token.hasRole(token.MINTER_ROLE().send(), admin.getAddress()).send()).isTrue();
      NodeRegistry nodes =
          NodeRegistry.load(deployment.nodeRegistry(), anvil.web3j(), tm, Transactions.gas());
      assertThat(nodes.token().send()).isEqualToIgnoringCase(deployment.flexToken());
      assertThat(nodes.minimumStake().send())
          .isEqualTo(DeploymentParameters.defaults().minimumStake());
      // Settlement pays awards out of escrow and slashes fraud; the registry is wired once to
      // the coordinator and Settlement, which open and close obligations.
      assertThat(nodes.coordinator().send()).isEqualToIgnoringCase(deployment.coordinator());
      assertThat(nodes.settlement().send()).isEqualToIgnoringCase(deployment.settlement());
      FlexibilityCoordinator coordinator =
          FlexibilityCoordinator.load(
              deployment.coordinator(), anvil.web3j(), tm, Transactions.gas());
      assertThat(coordinator.settlement().send()).isEqualToIgnoringCase(deployment.settlement());
      assertThat(coordinator.parameters().send().bidDeposit)
          .isEqualTo(DeploymentParameters.defaults().market().bidDeposit());
      assertThat(coordinator.treasury().send()).isEqualToIgnoringCase(admin.getAddress());
      Settlement settlement =
          Settlement.load(deployment.settlement(), anvil.web3j(), tm, Transactions.gas());
      assertThat(settlement.params().send().quorum).isEqualTo(BigInteger.valueOf(3));
      assertThat(deployment.parameter("challengeWindowSeconds")).isEqualTo(3600);
      // Only FraudProofs may void a root, and nobody can point Settlement elsewhere later.
      assertThat(settlement.fraudProofs().send()).isEqualToIgnoringCase(deployment.fraudProofs());
      new ChainFixture(anvil, deployment)
          .assertReverts(
              () -> settlement.setFraudProofs(admin.getAddress()).send(), "FraudProofsAlreadySet");

      Path file = dir.resolve("deployment.json");
      deployment.write(file);
      assertThat(Files.readString(file)).contains("\"chainId\" : 31337");
      assertThat(Deployment.read(file)).isEqualTo(deployment);
    }
  }
}
