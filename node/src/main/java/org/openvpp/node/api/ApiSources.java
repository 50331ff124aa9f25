package org.openvpp.node.api;

import java.util.Optional;
import org.openvpp.node.api.model.DeviceSource;
import org.openvpp.node.api.model.InMemoryOwnerLimits;
import org.openvpp.node.api.model.MarketSource;
import org.openvpp.node.api.model.NodeStatusSource;
import org.openvpp.node.api.model.OwnerLimitsStore;
import org.openvpp.node.api.rewards.OwnerRewards;
import org.openvpp.node.p2p.P2pNetwork;

/**
 * Everything the API reads (and the owner limits it writes), as small interfaces the node's
 * features implement; the composition root passes what it has and {@link #of} fills the rest with
 * empty sources, so the API serves from the first day and fills up as features land.
 */
public record ApiSources(
    NodeStatusSource status,
    DeviceSource devices,
    OwnerLimitsStore limits,
    MarketSource market,
    OwnerRewards rewards,
    Optional<P2pNetwork> p2p) {

  /** Sources with only the node status; the rest empty. */
  public static ApiSources of(NodeStatusSource status) {
    return new ApiSources(
        status,
        DeviceSource.none(),
        new InMemoryOwnerLimits(),
        MarketSource.empty(),
        OwnerRewards.none(),
        Optional.empty());
  }

  public ApiSources withDevices(DeviceSource d) {
    return new ApiSources(status, d, limits, market, rewards, p2p);
  }

  public ApiSources withLimits(OwnerLimitsStore l) {
    return new ApiSources(status, devices, l, market, rewards, p2p);
  }

  public ApiSources withMarket(MarketSource m) {
    return new ApiSources(status, devices, limits, m, rewards, p2p);
  }

  public ApiSources withRewards(OwnerRewards r) {
    return new ApiSources(status, devices, limits, market, r, p2p);
  }

  public ApiSources withP2p(P2pNetwork n) {
    return new ApiSources(status, devices, limits, market, rewards, Optional.of(n));
  }
}
