package org.openvpp.node.api.rewards;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.openvpp.node.api.model.JsonView;

/**
 * What one owner has earned through this node, FLEX wei.
 *
 * @param owner owner address (lower-case hex)
 * @param finalized cumulative amount in the latest finalized reward root: claimable on-chain
 * @param pending cumulative amount in the newest submitted root, finalized or not (the tip)
 */
public record Earning(String owner, BigInteger finalized, BigInteger pending) implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("owner", owner)
        .put("finalized", finalized.toString())
        .put("pending", pending.toString());
  }
}
