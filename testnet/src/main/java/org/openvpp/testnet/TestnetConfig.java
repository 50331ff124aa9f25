package org.openvpp.testnet;

import java.nio.file.Path;
import org.openvpp.contracts.deploy.DeploymentParameters;

/**
 * How a local testnet starts.
 *
 * @param rpcPort loopback port of the chain's JSON-RPC (0 = any free port)
 * @param chainId EIP-155 chain id of the dev chain
 * @param blockTimeSeconds 0 mines a block per transaction, otherwise a block every N seconds
 * @param deploymentFile where the deployment JSON is written (null = not written)
 * @param fundFlex FLEX minted to each role account (OEM, owner, operator, requester)
 */
public record TestnetConfig(
    int rpcPort,
    long chainId,
    int blockTimeSeconds,
    Path deploymentFile,
    long fundFlex,
    DeploymentParameters parameters) {

  public TestnetConfig {
    if (rpcPort < 0 || rpcPort > 65_535) {
      throw new IllegalArgumentException("rpc port must be 0..65535, got " + rpcPort);
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + chainId);
    }
    if (blockTimeSeconds < 0 || fundFlex < 0) {
      throw new IllegalArgumentException("block time and funding must not be negative");
    }
  }

  /** Defaults for tests: a free port, automine, no file. */
  public static TestnetConfig forTests() {
    return new TestnetConfig(0, 31337, 0, null, 100_000, DeploymentParameters.defaults());
  }
}
