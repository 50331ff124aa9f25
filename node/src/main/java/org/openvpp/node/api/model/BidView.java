package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * One of the node's sealed bids (the salt stays in the node's store, never in the API).
 *
 * @param requestId the request bid on
 * @param powerW offered power, W
 * @param pricePerKWh offered price, FLEX wei per kWh
 * @param state {@code COMMITTED}, {@code REVEALED}, {@code AWARDED}, {@code LOST}, {@code
 *     FORFEITED}
 * @param committedAtMs UTC ms when the commit was sent
 */
public record BidView(
    BigInteger requestId, long powerW, BigInteger pricePerKWh, String state, long committedAtMs)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("requestId", requestId.toString())
        .put("powerW", powerW)
        .put("pricePerKWh", pricePerKWh.toString())
        .put("state", state)
        .put("committedAtMs", committedAtMs);
  }
}
