package org.openvpp.wallet.testing;

import java.nio.file.Path;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.testing.ChainFixture;
import org.openvpp.contracts.testing.Oem;

/**
 * A fresh deployment on a real Anvil plus a wallet home pointing at it: the deployment file
 * written, RPC and deployment in the environment, the admitted OEM (dev account 1), an owner (2),
 * an operator (3) and a second owner (4) in the keystore, all FLEX-funded.
 */
public final class WalletChain {
  public final ChainFixture chain;
  public final WalletCli cli;
  public final Path deploymentFile;
  public final String oem;
  public final String owner;
  public final String operator;
  public final String other;

  public WalletChain(Anvil anvil, Path dir) throws Exception {
    this(anvil, dir, DeploymentParameters.defaults());
  }

  /** The same, deployed with {@code parameters} (a small attestation committee, say). */
  public WalletChain(Anvil anvil, Path dir, DeploymentParameters parameters) throws Exception {
    this(new ChainFixture(anvil, parameters), dir);
  }

  /**
   * The same on a deployment made already (for example one whose node registry is wired to test
   * accounts, {@link ChainFixture#withNodeRegistryWiredTo}).
   */
  public WalletChain(ChainFixture chain, Path dir) throws Exception {
    this.chain = chain;
    Anvil anvil = chain.anvil();
    deploymentFile = dir.resolve("deployment.json");
    chain.deployment().write(deploymentFile);
    Oem.admit(chain, chain.account(1), "Test OEM");
    cli =
        new WalletCli(dir.resolve("home"))
            .env("VPP_WALLET_RPC", anvil.rpcUrl())
            .env("VPP_WALLET_DEPLOYMENT", deploymentFile.toString())
            .env("VPP_WALLET_PASSWORD", WalletCli.PASSWORD);
    oem = cli.addAccount("oem", chain.account(1));
    owner = cli.addAccount("owner", chain.account(2));
    operator = cli.addAccount("operator", chain.account(3));
    other = cli.addAccount("other", chain.account(4));
    for (String a : new String[] {oem, owner, operator, other}) {
      chain.mint(a, 10_000);
    }
  }
}
