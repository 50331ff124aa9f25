package org.openvpp.testnet;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.web3j.utils.Numeric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vpp testnet}: starts the local network on embedded defaults and keeps it running until
 * Ctrl-C. Options fall back to {@code VPP_TESTNET_*} environment variables, then to defaults.
 */
@Command(
    name = "vpp testnet",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local open-VPP network: a dev chain (Anvil) with the contracts deployed,",
      "an admitted OEM and FLEX-funded owner, operator and requester accounts.",
      "Runs until Ctrl-C, then stops everything it started."
    },
    footer = {
      "",
      "Examples:",
      "  ./vpp testnet",
      "  ./vpp testnet --rpc-port 9545 --deployment-file /tmp/deployment.json",
      "  VPP_TESTNET_BLOCK_TIME=2 ./vpp testnet"
    })
public final class TestnetMain implements Callable<Integer> {

  @Option(
      names = "--rpc-port",
      defaultValue = "${env:VPP_TESTNET_RPC_PORT:-8545}",
      description =
          "JSON-RPC port on 127.0.0.1 (env VPP_TESTNET_RPC_PORT, default ${DEFAULT-VALUE})")
  int rpcPort;

  @Option(
      names = "--chain-id",
      defaultValue = "${env:VPP_TESTNET_CHAIN_ID:-31337}",
      description = "chain id (env VPP_TESTNET_CHAIN_ID, default ${DEFAULT-VALUE})")
  long chainId;

  @Option(
      names = "--block-time",
      defaultValue = "${env:VPP_TESTNET_BLOCK_TIME:-0}",
      description = "seconds per block, 0 = a block per transaction (default ${DEFAULT-VALUE})")
  int blockTime;

  @Option(
      names = "--deployment-file",
      defaultValue = "${env:VPP_TESTNET_DEPLOYMENT_FILE:-.testnet/deployment.json}",
      description = "where the deployment JSON is written (default ${DEFAULT-VALUE})")
  Path deploymentFile;

  @Option(
      names = "--fund",
      defaultValue = "${env:VPP_TESTNET_FUND_FLEX:-100000}",
      description = "FLEX minted to each role account (default ${DEFAULT-VALUE})")
  long fundFlex;

  private final PrintStream out;

  TestnetMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TestnetMain(System.out)).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    TestnetConfig config =
        new TestnetConfig(
            rpcPort, chainId, blockTime, deploymentFile, fundFlex, DeploymentParameters.defaults());
    LocalTestnet testnet;
    try {
      testnet = LocalTestnet.start(config, step -> out.println("… " + step));
    } catch (RuntimeException e) {
      out.println("error: " + e.getMessage());
      out.println(
          "hint: is port " + rpcPort + " already in use? Try --rpc-port 0 for any free port.");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  testnet.close();
                  stopped.countDown();
                },
                "testnet-stop"));
    printSummary(testnet);
    out.println("Local network running. Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  private void printSummary(LocalTestnet testnet) {
    var d = testnet.deployment();
    out.println();
    out.println("RPC        " + testnet.chain().rpcUrl() + "   chain id " + d.chainId());
    out.println(
        "Deployment "
            + deploymentFile.toAbsolutePath()
            + "   (from block "
            + d.deployBlock()
            + ")");
    d.contracts().forEach((name, address) -> out.printf("  %-24s %s%n", name, address));
    out.println("Accounts (dev keys, public knowledge; never use them with real value):");
    for (TestnetAccounts role : TestnetAccounts.values()) {
      var c = testnet.account(role);
      out.printf(
          "  %-10s %s  key %s  (%s)%n",
          role.name().toLowerCase(java.util.Locale.ROOT),
          c.getAddress(),
          Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64),
          role.description());
    }
    BigInteger min = d.parameter("minimumStake").divide(DeploymentParameters.FLEX);
    out.println(
        "Minimum node stake "
            + min
            + " FLEX, unbonding delay "
            + d.parameters().get("unbondingDelaySeconds")
            + " s");
    out.println(
        "Bid deposit "
            + d.parameter("bidDeposit").divide(DeploymentParameters.FLEX)
            + " FLEX, bond "
            + new java.math.BigDecimal(d.parameter("bondPerKWh"), 18)
                .stripTrailingZeros()
                .toPlainString()
            + " FLEX per kWh offered; committee "
            + d.parameters().get("committeeSize")
            + " seats, quorum "
            + d.parameters().get("quorum")
            + ", challenge window "
            + d.parameters().get("challengeWindowSeconds")
            + " s (rules: docs/market-and-settlement.md)");
    out.println();
  }
}
