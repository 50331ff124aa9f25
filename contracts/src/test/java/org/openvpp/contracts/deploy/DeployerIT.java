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
import org.openvpp.contracts.generated.VppTimelock;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.tx.Transactions;

class DeployerIT {
  private static final byte[] ADMIN_ROLE = new byte[32];
  private static final String ANYONE = "0x0000000000000000000000000000000000000000";

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
      // Dev chain: the deployer keeps the faucet (bounded by the cap), nothing else.
      assertThat(token.hasRole(token.MINTER_ROLE().send(), admin.getAddress()).send()).isTrue();
      assertThat(token.cap().send()).isEqualTo(DeploymentParameters.DEFAULT_SUPPLY_CAP);
      assertThat(deployment.timelock()).isNotBlank();
      VppTimelock timelock =
          VppTimelock.load(deployment.timelock(), anvil.web3j(), tm, Transactions.gas());
      assertThat(timelock.getMinDelay().send()).isZero();
      assertThat(deployment.parameter("timelockDelaySeconds")).isZero();
      assertThat(timelock.hasRole(timelock.PROPOSER_ROLE().send(), admin.getAddress()).send())
          .isTrue();
      assertThat(timelock.hasRole(timelock.EXECUTOR_ROLE().send(), ANYONE).send()).isTrue();
      assertThat(timelock.hasRole(ADMIN_ROLE, admin.getAddress()).send()).isFalse();
      NodeRegistry nodes =
          NodeRegistry.load(deployment.nodeRegistry(), anvil.web3j(), tm, Transactions.gas());
      assertThat(nodes.token().send()).isEqualToIgnoringCase(deployment.flexToken());
      assertThat(nodes.minimumStake().send())
          .isEqualTo(DeploymentParameters.defaults().minimumStake());
      // Settlement pays awards out of escrow and slashes fraud; the registry is wired once to
      // the coordinator and Settlement, which open and close obligations.
      assertThat(nodes.coordinator().send()).isEqualToIgnoringCase(deployment.coordinator());
      assertThat(nodes.settlement().send()).isEqualToIgnoringCase(deployment.settlement());
      // Governance and admin of every contract moved to the timelock; the deployer kept none.
      assertThat(nodes.hasRole(nodes.GOVERNANCE_ROLE().send(), deployment.timelock()).send())
          .isTrue();
      assertThat(nodes.hasRole(ADMIN_ROLE, deployment.timelock()).send()).isTrue();
      assertThat(nodes.hasRole(nodes.GOVERNANCE_ROLE().send(), admin.getAddress()).send())
          .isFalse();
      assertThat(nodes.hasRole(ADMIN_ROLE, admin.getAddress()).send()).isFalse();
      assertThat(token.hasRole(ADMIN_ROLE, admin.getAddress()).send()).isFalse();
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
      // The deployer lost the admin role with the handover; not even the timelock can re-point it.
      ChainFixture fixture = new ChainFixture(anvil, deployment);
      fixture.assertReverts(
          () -> settlement.setFraudProofs(admin.getAddress()).send(),
          "AccessControlUnauthorizedAccount");
      fixture.assertReverts(
          () -> fixture.govern(settlement, s -> s.setFraudProofs(admin.getAddress())),
          "FraudProofsAlreadySet");

      Path file = dir.resolve("deployment.json");
      deployment.write(file);
      assertThat(Files.readString(file))
          .contains("\"chainId\" : 31337")
          .contains("\"timelock\" : \"" + deployment.timelock() + "\"");
      assertThat(Deployment.read(file)).isEqualTo(deployment);
    }
  }

  @Test
  void outsideADevChainTheTimelockAloneMintsAndTheDelayIsRecorded() throws Exception {
    try (Anvil anvil = Anvil.start(Anvil.Options.defaults().withChainId(4_242))) {
      var admin = anvil.credentials(0);
      long delay = DeploymentParameters.PRODUCTION_TIMELOCK_DELAY_SECONDS;
      Deployment deployment =
          new Deployer(anvil.web3j(), admin, anvil.chainId())
              .deploy(DeploymentParameters.defaults().withTimelockDelay(delay));

      var tm = Transactions.manager(anvil.web3j(), admin, anvil.chainId());
      FlexToken token =
          FlexToken.load(deployment.flexToken(), anvil.web3j(), tm, Transactions.gas());
      byte[] minter = token.MINTER_ROLE().send();
      assertThat(token.hasRole(minter, admin.getAddress()).send()).isFalse();
      assertThat(token.hasRole(minter, deployment.timelock()).send()).isTrue();
      VppTimelock timelock =
          VppTimelock.load(deployment.timelock(), anvil.web3j(), tm, Transactions.gas());
      assertThat(timelock.getMinDelay().send()).isEqualTo(delay);
      assertThat(deployment.parameter("timelockDelaySeconds")).isEqualTo(delay);
    }
  }
}
