package org.openvpp.node.bids;

/** The sealed-bid contract on {@link InMemorySealedBidStore}; a restart keeps the same store. */
class SealedBidBookTest extends SealedBidBookContract {
  private InMemorySealedBidStore memory;

  @Override
  SealedBidStore open() {
    memory = new InMemorySealedBidStore();
    return memory;
  }

  @Override
  SealedBidStore reopen() {
    return memory;
  }
}
