package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.util.OptionalLong;

/**
 * What the node is and how far it has followed the chain.
 *
 * @param node the node's chain address (lower-case hex)
 * @param chainId the chain it works on
 * @param settlement the Settlement contract address
 * @param version the node's version
 * @param startedAtMs UTC ms when the process started
 * @param followedBlock the last block the chain follower applied, if it runs
 * @param chainHead the chain's head as last seen, if known
 */
public record NodeStatus(
    String node,
    long chainId,
    String settlement,
    String version,
    long startedAtMs,
    OptionalLong followedBlock,
    OptionalLong chainHead)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("node", node)
        .put("chainId", chainId)
        .put("settlement", settlement)
        .put("version", version)
        .put("startedAtMs", startedAtMs)
        .put("followedBlock", followedBlock.isPresent() ? followedBlock.getAsLong() : null)
        .put("chainHead", chainHead.isPresent() ? chainHead.getAsLong() : null);
  }
}
