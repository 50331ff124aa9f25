package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * One signed command the node sent a device for an award.
 *
 * @param requestId the award's request
 * @param device the device commanded
 * @param commandId the command id (grows across restarts)
 * @param targetPowerW commanded power, W, + = export
 * @param validFromMs UTC ms
 * @param validUntilMs UTC ms
 * @param outcome the device's last ack ({@code ACCEPTED}, {@code COMPLETED}, …) or {@code SENT}
 */
public record DispatchView(
    BigInteger requestId,
    String device,
    long commandId,
    long targetPowerW,
    long validFromMs,
    long validUntilMs,
    String outcome)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("requestId", requestId.toString())
        .put("device", device)
        .put("commandId", commandId)
        .put("targetPowerW", targetPowerW)
        .put("validFromMs", validFromMs)
        .put("validUntilMs", validUntilMs)
        .put("outcome", outcome);
  }
}
