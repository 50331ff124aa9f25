package org.openvpp.node.api.rewards;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.node.rewards.RewardBook;

/**
 * The node's reward book as the API shows it: claims against the finalized ledger in the wallet's
 * claim-proof format (with the network they are for), and per owner the finalized and the tip
 * amounts.
 */
public final class BookRewards implements OwnerRewards {
  private final long chainId;
  private final String settlement;
  private final RewardBook book;

  public BookRewards(long chainId, String settlement, RewardBook book) {
    this.chainId = chainId;
    this.settlement = AbiWords.checkAddress(settlement);
    this.book = book;
  }

  @Override
  public List<ClaimProof> claimsOf(String owner) {
    List<ClaimProof> out = new ArrayList<>();
    for (RewardClaim c : book.claimable(owner)) {
      out.add(
          new ClaimProof(
              chainId, settlement, c.node(), c.owner(), c.cumulativeAmount(), c.proof()));
    }
    return out;
  }

  @Override
  public List<Earning> earnings() {
    Map<String, BigInteger> finalized = book.finalized().cumulative();
    Map<String, BigInteger> tip = book.tip().cumulative();
    TreeSet<String> owners = new TreeSet<>(finalized.keySet());
    owners.addAll(tip.keySet());
    List<Earning> out = new ArrayList<>();
    for (String owner : owners) {
      out.add(
          new Earning(
              owner,
              finalized.getOrDefault(owner, BigInteger.ZERO),
              tip.getOrDefault(owner, BigInteger.ZERO)));
    }
    return out;
  }
}
