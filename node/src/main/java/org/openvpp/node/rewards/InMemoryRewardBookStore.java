package org.openvpp.node.rewards;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RewardBookStore} that lives as long as the process: tests and scenario drivers. */
public final class InMemoryRewardBookStore implements RewardBookStore {
  private final Map<String, RewardBookState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<RewardBookState> load(String node) {
    return Optional.ofNullable(states.get(node.toLowerCase(Locale.ROOT)));
  }

  @Override
  public void save(String node, RewardBookState state) {
    states.put(node.toLowerCase(Locale.ROOT), state);
  }
}
