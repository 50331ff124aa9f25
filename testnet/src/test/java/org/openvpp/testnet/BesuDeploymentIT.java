package org.openvpp.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.deploy.Deployer;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.deploy.DeploymentParameters;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.contracts.devchain.Toolchain;
import org.openvpp.contracts.testing.Await;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * The same deployment against Hyperledger Besu (a one-validator QBFT network from
 * testnet/besu/qbft). Besu cannot be installed from the registries this project builds from, so
 * this test runs only where a developer has put {@code besu} on PATH.
 */
class BesuDeploymentIT {

  @Test
  void deploysTheContractsOnBesu(@TempDir Path work) throws Exception {
    assumeTrue(
        onPath("besu"),
        "besu is not on PATH: Besu is not on Maven Central, npm or Debian; install it by hand"
            + " to run this test (testnet/besu/README.md)");
    Path script = Toolchain.repositoryRoot().orElseThrow().resolve("testnet/besu/qbft/run-qbft.sh");
    int port = 18545;
    Process besu =
        new ProcessBuilder(script.toString(), "1", String.valueOf(port), work.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("run.log").toFile())
            .start();
    Web3j web3j = Web3j.build(new HttpService("http://127.0.0.1:" + port));
    try {
      long chainId = awaitChainId(web3j, besu, work);
      Deployment d =
          new Deployer(web3j, DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 0), chainId)
              .deploy(DeploymentParameters.defaults());
      assertThat(d.chainId()).isEqualTo(1338);
      for (String address : d.contracts().values()) {
        assertThat(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode())
            .hasSizeGreaterThan(2);
      }
    } finally {
      web3j.shutdown();
      besu.destroy();
      besu.waitFor(30, TimeUnit.SECONDS);
      besu.destroyForcibly();
    }
  }

  private static long awaitChainId(Web3j web3j, Process besu, Path work) {
    return Await.value(
        Duration.ofSeconds(120),
        () -> {
          if (!besu.isAlive()) {
            throw new AssertionError("besu exited: " + Files.readString(work.resolve("run.log")));
          }
          BigInteger id = web3j.ethChainId().send().getChainId(); // IOException: still starting
          return web3j.ethBlockNumber().send().getBlockNumber().signum() > 0
              ? id.longValueExact()
              : null;
        },
        "besu producing blocks");
  }

  private static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }
}
