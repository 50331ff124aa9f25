package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * An award the node won.
 *
 * @param requestId the request
 * @param awardedW awarded power, W
 * @param clearingPricePerKWh uniform clearing price, FLEX wei per kWh
 * @param startS window start, UTC seconds
 * @param durationS window length, s
 * @param state {@code AWARDED}, {@code DISPATCHED}, {@code SUBMITTED}, {@code SETTLED}, …
 */
public record AwardView(
    BigInteger requestId,
    long awardedW,
    BigInteger clearingPricePerKWh,
    long startS,
    long durationS,
    String state)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("requestId", requestId.toString())
        .put("awardedW", awardedW)
        .put("clearingPricePerKWh", clearingPricePerKWh.toString())
        .put("startS", startS)
        .put("durationS", durationS)
        .put("state", state);
  }
}
