package org.openvpp.wallet.rewards;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.contracts.generated.Settlement;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.protocol.core.methods.response.Log;

/**
 * A claim proof checked against the chain, exactly as {@code Settlement._claim} would check it,
 * before anything is sent: network, proof against the node's current {@code claimRoot}, and what is
 * already claimed. A proof that fails is told apart: <em>stale</em> if it verifies against a reward
 * root the node finalized earlier (the node must hand out a fresh one), <em>forged</em> if it
 * matches no root the node ever finalized.
 */
record ClaimCheck(ClaimProof claim, Proof proof, BigInteger claimed, BigInteger claimable) {

  enum Proof {
    VALID("valid"),
    STALE("stale: matches an earlier root of the node; ask it for a fresh proof"),
    FORGED("forged: matches no reward root the node ever finalized"),
    NO_ROOT("the node has no finalized reward root yet");

    final String text;

    Proof(String text) {
      this.text = text;
    }
  }

  static List<ClaimCheck> all(Chain chain, List<ClaimProof> claims) {
    Settlement settlement = chain.settlement();
    String settlementAddress = chain.contract(Deployment.SETTLEMENT);
    Map<String, List<byte[]>> history = new HashMap<>();
    List<ClaimCheck> out = new ArrayList<>();
    for (ClaimProof c : claims) {
      checkNetwork(chain, settlementAddress, c);
      Settlement.NodeRewards nr = chain.read(() -> settlement.nodeRewards(c.node()).send());
      byte[] leaf = StandardMerkleTree.leafHash(RewardTree.encode(c.owner(), c.cumulativeAmount()));
      Proof proof;
      if (new BigInteger(1, nr.claimRoot).signum() == 0) {
        proof = Proof.NO_ROOT;
      } else if (StandardMerkleTree.verify(nr.claimRoot, leaf, c.proof())) {
        proof = Proof.VALID;
      } else {
        List<byte[]> roots =
            history.computeIfAbsent(c.node(), n -> finalizedRoots(chain, settlementAddress, n));
        proof =
            roots.stream().anyMatch(r -> StandardMerkleTree.verify(r, leaf, c.proof()))
                ? Proof.STALE
                : Proof.FORGED;
      }
      BigInteger claimed = chain.read(() -> settlement.claimed(c.node(), c.owner()).send());
      BigInteger claimable =
          proof == Proof.VALID ? c.cumulativeAmount().subtract(claimed).max(BigInteger.ZERO) : null;
      out.add(new ClaimCheck(c, proof, claimed, claimable));
    }
    return out;
  }

  private static void checkNetwork(Chain chain, String settlementAddress, ClaimProof c) {
    if (c.chainId() != chain.chainId() || !c.settlement().equalsIgnoreCase(settlementAddress)) {
      throw new WalletException(
          ExitCode.WRONG_NETWORK,
          "the claim in "
              + c.source()
              + " is for chain "
              + c.chainId()
              + " and Settlement "
              + c.settlement()
              + ", this network is chain "
              + chain.chainId()
              + " with Settlement "
              + settlementAddress
              + ": use that network's --rpc/--deployment or a proof for this one");
    }
  }

  /** Every reward root the node ever finalized, from its {@code Finalized} events. */
  private static List<byte[]> finalizedRoots(Chain chain, String settlementAddress, String node) {
    Settlement settlement = chain.settlement();
    List<byte[]> roots = new ArrayList<>();
    for (Log log :
        chain.logs(settlementAddress, Settlement.FINALIZED_EVENT, null, Chain.topic(node))) {
      BigInteger id = Settlement.getFinalizedEventFromLog(log).submissionId;
      byte[] root = chain.read(() -> settlement.getSubmission(id).send()).rewardRoot;
      if (roots.stream().noneMatch(r -> Arrays.equals(r, root))) {
        roots.add(root);
      }
    }
    return roots;
  }
}
