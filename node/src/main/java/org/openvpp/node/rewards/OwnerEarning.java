package org.openvpp.node.rewards;

import java.math.BigInteger;

/**
 * What one owner has earned through a node, FLEX wei.
 *
 * @param owner lower-case hex address
 * @param finalized cumulative amount in the finalized ledger: claimable on-chain
 * @param tip cumulative amount in the tip, pending submissions included
 */
public record OwnerEarning(String owner, BigInteger finalized, BigInteger tip) {}
