package org.openvpp.node.rewards;

import java.util.Optional;

/**
 * Where a {@link RewardBook} keeps its ledgers between restarts: without them a node can build no
 * further root (Settlement checks each new total against the last) and hand out no proof. The
 * node's database implements it ({@link JdbcRewardBookStore}); {@link InMemoryRewardBookStore}
 * serves tests and drivers. Calls may block (JDBC): never call them on an event loop.
 */
public interface RewardBookStore {
  /** The node's saved state, empty if it never saved one. */
  Optional<RewardBookState> load(String node);

  /** Replaces the node's state atomically: after a crash either the old or the new one is read. */
  void save(String node, RewardBookState state);
}
