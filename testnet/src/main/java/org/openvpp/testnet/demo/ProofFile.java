package org.openvpp.testnet.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.wallet.rewards.ClaimProof;

/**
 * An owner's claim-proof file, in the wallet's own format ({@link ClaimProof#write}): one claim per
 * node that holds rewards for the owner, each against the node's latest finalized root, so the
 * newest file collects everything so far and supersedes the one before.
 */
record ProofFile(Path file, BigInteger cumulative) {

  static ProofFile write(Path dir, String owner, Deployment deployment, NodeLedgers ledgers) {
    String who = owner.toLowerCase(Locale.ROOT);
    Path file = dir.resolve(who + ".json");
    List<ClaimProof> claims = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (var e : ledgers.all().entrySet()) {
      BigInteger amount = e.getValue().cumulative().getOrDefault(who, BigInteger.ZERO);
      if (amount.signum() > 0) {
        RewardTree tree = e.getValue().tree();
        claims.add(
            new ClaimProof(
                deployment.chainId(),
                deployment.settlement(),
                e.getKey(),
                who,
                amount,
                tree.proof(who),
                file.toString()));
        total = total.add(amount);
      }
    }
    try {
      ClaimProof.write(file, claims);
    } catch (IOException e) {
      throw new DemoException(
          DemoException.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
    }
    return new ProofFile(file, total);
  }
}
