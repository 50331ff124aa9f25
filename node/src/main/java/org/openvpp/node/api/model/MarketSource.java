package org.openvpp.node.api.model;

/**
 * The node's market and settlement records, each a {@link Listing} so a feature plugs in with a
 * lambda over its store. Listings not wired yet are empty.
 */
public record MarketSource(
    Listing<RequestView> requests,
    Listing<BidView> bids,
    Listing<AwardView> awards,
    Listing<DispatchView> dispatches,
    Listing<SubmissionView> submissions,
    Listing<AttestationView> attestations) {

  public static MarketSource empty() {
    return new MarketSource(
        Listing.empty(),
        Listing.empty(),
        Listing.empty(),
        Listing.empty(),
        Listing.empty(),
        Listing.empty());
  }

  public MarketSource withRequests(Listing<RequestView> l) {
    return new MarketSource(l, bids, awards, dispatches, submissions, attestations);
  }

  public MarketSource withBids(Listing<BidView> l) {
    return new MarketSource(requests, l, awards, dispatches, submissions, attestations);
  }

  public MarketSource withAwards(Listing<AwardView> l) {
    return new MarketSource(requests, bids, l, dispatches, submissions, attestations);
  }

  public MarketSource withDispatches(Listing<DispatchView> l) {
    return new MarketSource(requests, bids, awards, l, submissions, attestations);
  }

  public MarketSource withSubmissions(Listing<SubmissionView> l) {
    return new MarketSource(requests, bids, awards, dispatches, l, attestations);
  }

  public MarketSource withAttestations(Listing<AttestationView> l) {
    return new MarketSource(requests, bids, awards, dispatches, submissions, l);
  }
}
