package org.openvpp.node.chain;

import java.util.List;
import java.util.Locale;
import org.openvpp.contracts.deploy.Deployment;

/**
 * How the follower reads the chain.
 *
 * @param contracts addresses whose logs are followed
 * @param startBlock first block to read when there is no cursor yet (the deployment block)
 * @param confirmations blocks that must follow a block before it is applied (0 = apply the head)
 * @param reorgHorizon how many recent blocks are remembered to detect and undo a reorganization;
 *     older blocks are taken as final and read in ranges
 * @param rangeBlocks the most blocks one range read covers while catching up below the horizon
 */
public record FollowerSettings(
    List<String> contracts, long startBlock, int confirmations, int reorgHorizon, int rangeBlocks) {

  public FollowerSettings {
    if (contracts.isEmpty()) {
      throw new IllegalArgumentException("no contracts to follow");
    }
    contracts = contracts.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock must be >= 0, was " + startBlock);
    }
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations must be >= 0, was " + confirmations);
    }
    if (reorgHorizon <= confirmations) {
      throw new IllegalArgumentException(
          "reorgHorizon ("
              + reorgHorizon
              + ") must exceed confirmations ("
              + confirmations
              + ") or a reorganization of applied blocks could go unnoticed");
    }
    if (rangeBlocks < 1) {
      throw new IllegalArgumentException("rangeBlocks must be >= 1, was " + rangeBlocks);
    }
  }

  /**
   * The contracts a node follows: the registries, the coordinator, settlement and fraud proofs (not
   * the token: balances are read on demand, and its transfers would dwarf the rest).
   */
  public static FollowerSettings forDeployment(
      Deployment deployment, int confirmations, int reorgHorizon) {
    return new FollowerSettings(
        List.of(
            deployment.deviceRegistry(),
            deployment.nodeRegistry(),
            deployment.coordinator(),
            deployment.settlement(),
            deployment.fraudProofs()),
        deployment.deployBlock(),
        confirmations,
        reorgHorizon,
        2_000);
  }
}
