/**
 * The node's reward book ({@link org.openvpp.node.rewards.RewardBook}): its tip, pending and
 * finalized cumulative ledgers, following Settlement's submissions, and the owners' claims with
 * proofs. Persistence is behind {@link org.openvpp.node.rewards.RewardBookStore}.
 */
package org.openvpp.node.rewards;
