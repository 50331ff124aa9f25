package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * A flexibility request of the node's zone, as the chain follower saw it.
 *
 * @param requestId the coordinator's request id
 * @param zone the zone (bytes32 hex)
 * @param direction {@code UP} or {@code DOWN}
 * @param powerW requested power, W
 * @param startS window start, UTC seconds
 * @param durationS window length, s
 * @param maxPricePerKWh price cap, FLEX wei per kWh
 * @param state {@code OPEN}, {@code CLEARED}, {@code CANCELLED}, {@code EXPIRED}, …
 */
public record RequestView(
    BigInteger requestId,
    String zone,
    String direction,
    long powerW,
    long startS,
    long durationS,
    BigInteger maxPricePerKWh,
    String state)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("requestId", requestId.toString())
        .put("zone", zone)
        .put("direction", direction)
        .put("powerW", powerW)
        .put("startS", startS)
        .put("durationS", durationS)
        .put("maxPricePerKWh", maxPricePerKWh.toString())
        .put("state", state);
  }
}
