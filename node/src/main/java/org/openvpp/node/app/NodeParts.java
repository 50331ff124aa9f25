package org.openvpp.node.app;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.openvpp.node.api.ApiConfig;
import org.openvpp.node.api.ApiSources;
import org.openvpp.node.api.ApiVerticle;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.model.NodeStatus;
import org.openvpp.node.api.model.NodeStatusSource;
import org.openvpp.node.api.model.StoredOwnerLimits;
import org.openvpp.node.chain.ChainFollower;
import org.openvpp.node.chain.ChainFollowerVerticle;
import org.openvpp.node.chain.DeviceRevocationListener;
import org.openvpp.node.chain.FollowerSettings;
import org.openvpp.node.chain.Web3jChainReader;
import org.openvpp.node.outbox.FeePolicy;
import org.openvpp.node.outbox.OutboxVerticle;
import org.openvpp.node.outbox.StepHook;
import org.openvpp.node.outbox.TransactionOutbox;
import org.openvpp.node.outbox.Web3jChainGateway;

/**
 * The node's parts in start order: the chain first (what the others act on), then the outbox that
 * writes to it, the networks, and the HTTP API last, so "healthy" means every part is up. The
 * database, the JSON-RPC client and the device directory are shared resources opened before the
 * parts and closed after them ({@link NodeProcess}).
 *
 * <p>The seam for the parts still to come (the market agents of issue 11 part 2): one {@link
 * NodePart#of} line each at their place below, before the HTTP API. The API serves the node status
 * and the owner limits now; devices, market, rewards and p2p sources are added to its {@link
 * ApiSources} as those parts expose them.
 */
public final class NodeParts {
  private NodeParts() {}

  public static List<NodePart> standard() {
    return List.of(
        NodePart.of("chain follower", NodeParts::chainFollower),
        NodePart.of("transaction outbox", NodeParts::outbox),
        NodePart.of("p2p", P2pVerticle::new),
        NodePart.of("device bridge", DeviceBridgeVerticle::new),
        NodePart.of("HTTP API", NodeParts::api));
  }

  /** Named in the start-up log so an operator sees what this build does not run yet. */
  public static List<String> notYetBuilt() {
    return List.of("auction agent", "dispatcher", "evidence builder", "attestor", "claimer");
  }

  private static ChainFollowerVerticle chainFollower(NodeContext c) {
    FollowerSettings settings =
        FollowerSettings.forDeployment(
            c.deployment(), c.config().chain().confirmations(), c.config().chain().reorgHorizon());
    ChainFollower follower =
        new ChainFollower(c.database(), new Web3jChainReader(c.web3j()), settings)
            .subscribe(
                DeviceRevocationListener.subscription(
                    c.deployment().deviceRegistry(), c.devices()));
    return new ChainFollowerVerticle(follower, c.config().chain().pollInterval());
  }

  private static ApiVerticle api(NodeContext c) {
    ChainFollower cursor =
        new ChainFollower(
            c.database(),
            new Web3jChainReader(c.web3j()),
            FollowerSettings.forDeployment(
                c.deployment(),
                c.config().chain().confirmations(),
                c.config().chain().reorgHorizon()));
    long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    String version = String.valueOf(NodeParts.class.getPackage().getImplementationVersion());
    NodeStatusSource status =
        () ->
            new NodeStatus(
                c.keys().chainAddress().toLowerCase(Locale.ROOT),
                c.config().chain().id(),
                c.deployment().settlement(),
                version,
                startedAt,
                cursor.cursor().map(h -> OptionalLong.of(h.number())).orElse(OptionalLong.empty()),
                OptionalLong.empty());
    ApiSources sources = ApiSources.of(status).withLimits(new StoredOwnerLimits(c.database()));
    return new ApiVerticle(
        ApiConfig.defaults(c.config().api().host(), c.config().api().port(), c.config().dataDir()),
        sources,
        new NodeEvents(),
        c.metrics());
  }

  private static OutboxVerticle outbox(NodeContext c) {
    TransactionOutbox outbox =
        new TransactionOutbox(
            c.database(),
            new Web3jChainGateway(c.web3j(), c.config().chain().id()),
            c.keys().chain(),
            FeePolicy.defaults(),
            StepHook.NONE);
    return new OutboxVerticle(outbox, c.config().outboxInterval());
  }
}
