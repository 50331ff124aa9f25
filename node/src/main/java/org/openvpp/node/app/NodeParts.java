package org.openvpp.node.app;

import java.util.List;

/**
 * The node's parts in start order. Storage and the chain come first (everything else reads them),
 * then the networks, and the HTTP API last, so "healthy" means every part is up.
 *
 * <p>The seam for the parts other branches build: the database ({@code node.store}), the chain
 * follower ({@code node.chain}), the transaction outbox ({@code node.outbox}) and the HTTP API
 * ({@code node.api}) each add one {@link NodePart#of} line at its place below.
 */
public final class NodeParts {
  private NodeParts() {}

  public static List<NodePart> standard() {
    return List.of(
        // database (node.store): not yet part of the node
        // chain follower (node.chain): not yet part of the node
        // transaction outbox (node.outbox): not yet part of the node
        NodePart.of("p2p", P2pVerticle::new),
        NodePart.of("device bridge", DeviceBridgeVerticle::new)
        // HTTP API (node.api): not yet part of the node
        );
  }

  /** Named in the start-up log so an operator sees what this build does not run yet. */
  public static List<String> notYetBuilt() {
    return List.of("database", "chain follower", "transaction outbox", "HTTP API");
  }
}
