package org.openvpp.node.api.rewards;

import java.util.List;

/**
 * What the API reads of the node's reward book: the claims owners can make against the node's
 * finalized reward roots, and what each owner has earned. The stateful book (tip, pending and
 * finalized roots, kept in the node's database) implements this; {@link InMemoryRewardBook} does it
 * over {@code RewardLedger} in memory. May block: the API calls it on a worker thread.
 */
public interface RewardBook {
  /**
   * The owner's claims, one per finalized reward root of this node the owner has a leaf in
   * (normally one: the latest); empty when the owner has none. {@code owner} is lower-case hex.
   */
  List<RewardClaim> claimsOf(String owner);

  /** Every owner with a leaf in the tip or the finalized root, ordered by address. */
  List<Earning> earnings();
}
