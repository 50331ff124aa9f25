package org.openvpp.testnet;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openvpp.contracts.deploy.Deployer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.keys.WalletFiles;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vpp deploy}: deploys the contracts to any Ethereum JSON-RPC endpoint (Besu, a public
 * testnet) and writes the deployment file. The deployer key comes from a file or the {@code
 * VPP_DEPLOYER_KEY} environment variable, never from the command line.
 */
@Command(
    name = "vpp deploy",
    mixinStandardHelpOptions = true,
    description = "Deploy the open-VPP contracts to an Ethereum JSON-RPC endpoint.",
    footer = {
      "",
      "Examples:",
      "  ./vpp deploy --rpc http://127.0.0.1:8545 --key-file deployer.json --password-file pw",
      "  VPP_DEPLOYER_KEY=0x… ./vpp deploy --rpc http://127.0.0.1:8545 --deployment-file d.json"
    })
public final class DeployMain implements Callable<Integer> {

  @Option(names = "--rpc", required = true, description = "JSON-RPC URL of the chain")
  String rpc;

  @Option(
      names = "--key-file",
      description = "the deployer's Web3j wallet file (else env VPP_DEPLOYER_KEY, hex)")
  Path keyFile;

  @Option(
      names = "--password-file",
      description = "file holding the wallet's password (else env VPP_DEPLOYER_PASSWORD)")
  Path passwordFile;

  @Option(
      names = "--deployment-file",
      defaultValue = "deployment.json",
      description = "where the deployment JSON is written (default ${DEFAULT-VALUE})")
  Path deploymentFile;

  @Option(
      names = "--minimum-stake",
      defaultValue = "1000",
      description = "minimum node stake in whole FLEX (default ${DEFAULT-VALUE})")
  long minimumStakeFlex;

  @Option(
      names = "--unbonding-delay",
      defaultValue = "86400",
      description =
          "unbonding delay in seconds, from 3600 to 7776000 (90 days) (default ${DEFAULT-VALUE})")
  long unbondingDelay;

  @Option(
      names = "--timelock-delay",
      defaultValue = "172800",
      description =
          "seconds between scheduling a governance change and its earliest execution"
              + " (default ${DEFAULT-VALUE}, two days; 0 only for throw-away networks)")
  long timelockDelay;

  @Option(
      names = "--supply-cap",
      defaultValue = "1000000000",
      description = "largest FLEX supply ever, in whole FLEX (default ${DEFAULT-VALUE})")
  long supplyCapFlex;

  private final PrintStream out;

  DeployMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DeployMain(System.out)).execute(args));
  }

  @Override
  public Integer call() {
    Credentials key;
    try {
      key = readKey();
    } catch (RuntimeException e) {
      out.println("error: no usable deployer key: " + e.getMessage());
      return 2;
    }
    Web3j web3j = Web3j.build(new HttpService(rpc));
    try {
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      out.println("… deploying from " + key.getAddress() + " to chain " + chainId + " at " + rpc);
      DeploymentParameters params =
          new DeploymentParameters(
                  DeploymentParameters.FLEX.multiply(BigInteger.valueOf(minimumStakeFlex)),
                  unbondingDelay)
              .withSupplyCap(DeploymentParameters.FLEX.multiply(BigInteger.valueOf(supplyCapFlex)))
              .withTimelockDelay(timelockDelay);
      Deployment deployment = new Deployer(web3j, key, chainId).deploy(params);
      deployment.write(deploymentFile);
      out.print(deployment.toJson());
      out.println("deployment written to " + deploymentFile.toAbsolutePath());
      out.println(
          "governance: timelock "
              + deployment.timelock()
              + " ("
              + timelockDelay
              + " s delay) holds every contract's governance and admin role; "
              + key.getAddress()
              + " proposes, anyone executes; FLEX minter: "
              + (Deployer.isDevChain(chainId)
                  ? key.getAddress() + " (dev chain faucet)"
                  : "the timelock"));
      return 0;
    } catch (IOException e) {
      out.println("error: cannot reach " + rpc + " (" + e.getMessage() + "): is the node running?");
      return 3;
    } catch (RuntimeException e) {
      out.println("error: " + e.getMessage());
      return 1;
    } finally {
      web3j.shutdown();
    }
  }

  private Credentials readKey() {
    if (keyFile != null) {
      return WalletFiles.unlock(
          keyFile,
          Optional.ofNullable(passwordFile),
          System.getenv(),
          "VPP_DEPLOYER_PASSWORD",
          "--password-file");
    }
    String key = System.getenv("VPP_DEPLOYER_KEY");
    if (key == null || !key.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "give --key-file WALLET.json (with --password-file or VPP_DEPLOYER_PASSWORD),"
              + " or VPP_DEPLOYER_KEY (64 hex digits) for a throw-away dev key");
    }
    return Credentials.create(key);
  }
}
