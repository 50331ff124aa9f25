package org.openvpp.node.api.rewards;

import java.util.List;

/**
 * What the API reads of the node's reward book: the claims owners can make against the node's
 * finalized reward root, and what each owner has earned. {@link BookRewards} reads the node's
 * {@code rewards.RewardBook}. May block (the book's store): the API calls it on a worker thread.
 */
public interface OwnerRewards {
  /**
   * The owner's claims, one per finalized reward root of this node the owner has a leaf in
   * (normally one: the latest); empty when the owner has none. {@code owner} is lower-case hex.
   */
  List<ClaimProof> claimsOf(String owner);

  /** Every owner with a leaf in the tip or the finalized ledger, ordered by address. */
  List<Earning> earnings();

  static OwnerRewards none() {
    return new OwnerRewards() {
      @Override
      public List<ClaimProof> claimsOf(String owner) {
        return List.of();
      }

      @Override
      public List<Earning> earnings() {
        return List.of();
      }
    };
  }
}
