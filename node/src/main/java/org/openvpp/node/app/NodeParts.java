package org.openvpp.node.app;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.node.api.ApiConfig;
import org.openvpp.node.api.ApiSources;
import org.openvpp.node.api.ApiVerticle;
import org.openvpp.node.api.FleetDevices;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.metrics.BridgeMeters;
import org.openvpp.node.api.metrics.P2pMeters;
import org.openvpp.node.api.model.NodeStatus;
import org.openvpp.node.api.model.NodeStatusSource;
import org.openvpp.node.api.model.StoredOwnerLimits;
import org.openvpp.node.api.rewards.BookRewards;
import org.openvpp.node.chain.ChainFollower;
import org.openvpp.node.chain.ChainFollowerVerticle;
import org.openvpp.node.chain.DeviceRevocationListener;
import org.openvpp.node.chain.FollowerSettings;
import org.openvpp.node.chain.Web3jChainReader;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.outbox.FeePolicy;
import org.openvpp.node.outbox.OutboxVerticle;
import org.openvpp.node.outbox.StepHook;
import org.openvpp.node.outbox.TransactionOutbox;
import org.openvpp.node.outbox.Web3jChainGateway;
import org.openvpp.node.p2p.P2pNetwork;

/**
 * The node's parts in start order: the chain first (what the others act on), then the outbox that
 * writes to it, the networks, and the HTTP API last, so "healthy" means every part is up. The
 * database, the JSON-RPC client, the device directory and the reward book are shared resources
 * opened before the parts and closed after them ({@link NodeProcess}).
 *
 * <p>A part may use the parts before it: each call of {@link #standard()} makes one {@link Wiring}
 * that the factories fill as the parts are created, so the API reads the same chain follower, p2p
 * network and device bridge the node runs (a factory runs only after the parts before it started).
 * The API serves the node status (followed block and chain head from the follower), the owner
 * limits, the bridge's devices, the p2p peers and the reward book, and exposes the bridge's and
 * p2p's meters on the same Prometheus registry the bridge was started with.
 *
 * <p>The seam for the parts still to come (the market agents of issue 11 part 2): one {@link
 * NodePart#of} line each at their place below, before the HTTP API, and their sources added to the
 * API's {@link ApiSources} ({@code withMarket}).
 */
public final class NodeParts {
  private NodeParts() {}

  /** The parts' running pieces, filled in start order, read by the parts after them. */
  private static final class Wiring {
    private ChainFollower follower;
    private P2pVerticle p2p;
    private DeviceBridgeVerticle bridge;
  }

  public static List<NodePart> standard() {
    Wiring w = new Wiring();
    return List.of(
        NodePart.of("chain follower", c -> chainFollower(c, w)),
        NodePart.of("transaction outbox", NodeParts::outbox),
        NodePart.of("p2p", c -> w.p2p = new P2pVerticle(c)),
        NodePart.of("device bridge", c -> w.bridge = new DeviceBridgeVerticle(c)),
        NodePart.of("HTTP API", c -> api(c, w)));
  }

  /** Named in the start-up log so an operator sees what this build does not run yet. */
  public static List<String> notYetBuilt() {
    return List.of("auction agent", "dispatcher", "evidence builder", "attestor", "claimer");
  }

  private static ChainFollowerVerticle chainFollower(NodeContext c, Wiring w) {
    FollowerSettings settings =
        FollowerSettings.forDeployment(
            c.deployment(), c.config().chain().confirmations(), c.config().chain().reorgHorizon());
    w.follower =
        new ChainFollower(c.database(), new Web3jChainReader(c.web3j()), settings)
            .subscribe(
                DeviceRevocationListener.subscription(
                    c.deployment().deviceRegistry(), c.devices()));
    return new ChainFollowerVerticle(w.follower, c.config().chain().pollInterval());
  }

  private static ApiVerticle api(NodeContext c, Wiring w) {
    ChainFollower follower = w.follower;
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
                follower
                    .cursor()
                    .map(h -> OptionalLong.of(h.number()))
                    .orElse(OptionalLong.empty()),
                follower.head());
    DeviceBridge bridge = w.bridge.bridge();
    P2pNetwork p2p = w.p2p.network();
    // The bridge registered its rejection counters on c.metrics() when it started (same registry).
    BridgeMeters.register(c.metrics(), bridge.fleet(), bridge::storedCount);
    P2pMeters.register(c.metrics(), p2p);
    ApiSources sources =
        ApiSources.of(status)
            .withLimits(new StoredOwnerLimits(c.database()))
            .withDevices(new FleetDevices(bridge.fleet()))
            .withP2p(p2p)
            .withRewards(
                new BookRewards(c.config().chain().id(), c.deployment().settlement(), c.rewards()));
    return new ApiVerticle(apiConfig(c.config()), sources, new NodeEvents(), c.metrics());
  }

  /**
   * The API keys; {@code api.reads-need-token: auto} keeps the API's own rule (open on loopback).
   */
  static ApiConfig apiConfig(NodeConfig config) {
    NodeConfig.Api api = config.api();
    ApiConfig byHost = ApiConfig.defaults(api.host(), api.port(), config.dataDir());
    return new ApiConfig(
        api.host(),
        api.port(),
        config.dataDir(),
        api.bodyLimit(),
        api.readsNeedToken().orElse(byHost.readsNeedToken()));
  }

  private static OutboxVerticle outbox(NodeContext c) {
    TransactionOutbox outbox =
        new TransactionOutbox(
            c.database(),
            new Web3jChainGateway(c.web3j(), c.config().chain().id()),
            c.keys().chain(),
            FeePolicy.defaults(),
            StepHook.NONE,
            c.config().chain().confirmations());
    return new OutboxVerticle(outbox, c.config().outboxInterval());
  }
}
