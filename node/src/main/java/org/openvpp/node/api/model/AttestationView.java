package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * The node's verdict as a committee member on another node's submission.
 *
 * @param submissionId the submission checked
 * @param submitter the node that submitted it
 * @param verdict {@code SIGNED} or {@code REFUSED}
 * @param reason why it was refused (empty when signed)
 * @param atMs UTC ms of the verdict
 */
public record AttestationView(
    BigInteger submissionId, String submitter, String verdict, String reason, long atMs)
    implements JsonView {

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("submissionId", submissionId.toString())
        .put("submitter", submitter)
        .put("verdict", verdict)
        .put("reason", reason)
        .put("atMs", atMs);
  }
}
