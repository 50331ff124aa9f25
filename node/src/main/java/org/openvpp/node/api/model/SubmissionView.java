package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * Evidence the node submitted to Settlement.
 *
 * @param submissionId Settlement's submission id
 * @param requestId the request settled (absent for a contribution epoch)
 * @param evidenceRoot bytes32 hex
 * @param rewardRoot the cumulative reward root posted with it, bytes32 hex
 * @param rewardTotal sum of the reward leaves, FLEX wei
 * @param deliveredWh energy in the evidence, Wh
 * @param devices leaves in the evidence
 * @param state {@code SUBMITTED}, {@code ATTESTED}, {@code FINALIZED}, {@code VOIDED}
 */
public record SubmissionView(
    BigInteger submissionId,
    java.util.Optional<BigInteger> requestId,
    String evidenceRoot,
    String rewardRoot,
    BigInteger rewardTotal,
    long deliveredWh,
    int devices,
    String state)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("submissionId", submissionId.toString())
        .put("requestId", requestId.map(BigInteger::toString).orElse(null))
        .put("evidenceRoot", evidenceRoot)
        .put("rewardRoot", rewardRoot)
        .put("rewardTotal", rewardTotal.toString())
        .put("deliveredWh", deliveredWh)
        .put("devices", devices)
        .put("state", state);
  }
}
