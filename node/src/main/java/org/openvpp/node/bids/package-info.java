/**
 * The node's sealed bids ({@link org.openvpp.node.bids.SealedBidBook}): each offer and its salt,
 * kept durably from before the commitment is sent until the auction ends, so a restart can still
 * reveal. Persistence is behind {@link org.openvpp.node.bids.SealedBidStore}.
 */
package org.openvpp.node.bids;
