package org.openvpp.testnet;

import java.math.BigInteger;
import org.openvpp.contracts.deploy.Deployer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.generated.FlexToken;
import org.openvpp.contracts.governance.Governance;
import org.openvpp.contracts.tx.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A running local network: Anvil, the deployed contracts, an admitted OEM and FLEX-funded role
 * accounts. {@link #close()} stops everything it started, also after a failed start.
 */
public final class LocalTestnet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalTestnet.class);

  private final Anvil anvil;
  private final Deployment deployment;

  private LocalTestnet(Anvil anvil, Deployment deployment) {
    this.anvil = anvil;
    this.deployment = deployment;
  }

  /** Starts the chain, deploys, wires the roles and funds the accounts. */
  public static LocalTestnet start(TestnetConfig config, ProgressListener progress) {
    progress.step("starting the dev chain (Anvil)");
    Anvil anvil =
        Anvil.start(
            Anvil.Options.defaults()
                .withPort(config.rpcPort())
                .withChainId(config.chainId())
                .withBlockTime(config.blockTimeSeconds()));
    try {
      progress.step("deploying contracts to " + anvil.rpcUrl());
      Credentials admin = TestnetAccounts.ADMIN.credentials(anvil);
      Deployment deployment =
          new Deployer(anvil.web3j(), admin, anvil.chainId()).deploy(config.parameters());
      progress.step("admitting the OEM and funding the role accounts");
      setUpRoles(anvil, deployment, config.fundFlex());
      if (config.deploymentFile() != null) {
        deployment.write(config.deploymentFile());
        progress.step("deployment written to " + config.deploymentFile());
      }
      return new LocalTestnet(anvil, deployment);
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    } catch (Exception e) {
      anvil.close();
      throw new IllegalStateException("testnet set-up failed: " + e.getMessage(), e);
    }
  }

  private static void setUpRoles(Anvil anvil, Deployment deployment, long fundFlex)
      throws Exception {
    Credentials admin = TestnetAccounts.ADMIN.credentials(anvil);
    var tm = Transactions.manager(anvil.web3j(), admin, anvil.chainId());
    DeviceRegistry registry =
        DeviceRegistry.load(deployment.deviceRegistry(), anvil.web3j(), tm, Transactions.gas());
    // Governance sits behind the timelock; the local network's delay is 0, so it applies at once.
    Governance governance = Governance.of(anvil.web3j(), admin, deployment);
    governance.run(
        registry.getContractAddress(),
        registry.admitOem(TestnetAccounts.OEM.credentials(anvil).getAddress(), "Testnet OEM"));
    FlexToken token = FlexToken.load(deployment.flexToken(), anvil.web3j(), tm, Transactions.gas());
    // On a dev chain id the deployer keeps the faucet; on any other the timelock mints.
    boolean faucet = token.hasRole(token.MINTER_ROLE().send(), admin.getAddress()).send();
    BigInteger amount = DeploymentParameters.FLEX.multiply(BigInteger.valueOf(fundFlex));
    for (TestnetAccounts role : TestnetAccounts.values()) {
      if (role != TestnetAccounts.ADMIN && amount.signum() > 0) {
        var mint = token.mint(role.credentials(anvil).getAddress(), amount);
        if (faucet) {
          mint.send();
        } else {
          governance.run(token.getContractAddress(), mint);
        }
      }
    }
    LOG.info("OEM admitted, {} FLEX minted to each role account", fundFlex);
  }

  public Anvil chain() {
    return anvil;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Credentials account(TestnetAccounts role) {
    return role.credentials(anvil);
  }

  @Override
  public void close() {
    anvil.close();
  }

  /** Receives one line per start-up step (the CLI prints them as progress). */
  @FunctionalInterface
  public interface ProgressListener {
    void step(String description);

    static ProgressListener silent() {
      return step -> {};
    }
  }
}
