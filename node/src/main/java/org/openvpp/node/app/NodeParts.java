package org.openvpp.node.app;

import java.util.List;
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
 * <p>The seam for the parts other branches build: the HTTP API ({@code node.api}) and the market
 * agents add one {@link NodePart#of} line at their place below.
 */
public final class NodeParts {
  private NodeParts() {}

  public static List<NodePart> standard() {
    return List.of(
        NodePart.of("chain follower", NodeParts::chainFollower),
        NodePart.of("transaction outbox", NodeParts::outbox),
        NodePart.of("p2p", P2pVerticle::new),
        NodePart.of("device bridge", DeviceBridgeVerticle::new)
        // HTTP API (node.api): not yet part of the node
        );
  }

  /** Named in the start-up log so an operator sees what this build does not run yet. */
  public static List<String> notYetBuilt() {
    return List.of("HTTP API");
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
