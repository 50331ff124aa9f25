package org.openvpp.node.api.rewards;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import org.openvpp.node.api.model.JsonView;
import org.web3j.utils.Numeric;

/**
 * One owner's claim against one of the node's finalized reward roots, in the wallet's claim-proof
 * format (wallet-cli/README.md, "Claim-proof file"): what {@code Settlement.claim(node, owner,
 * cumulativeAmount, proof)} takes. Amounts are decimal strings (JSON numbers lose precision above
 * 2^53), addresses lower-case hex, the proof bytes32 hex words.
 */
public record ClaimProof(
    long chainId,
    String settlement,
    String node,
    String owner,
    BigInteger cumulativeAmount,
    List<byte[]> proof)
    implements JsonView {

  public ClaimProof {
    proof = List.copyOf(proof);
  }

  @Override
  public JsonObject toJson() {
    JsonArray words = new JsonArray();
    proof.forEach(p -> words.add(Numeric.toHexString(p)));
    return new JsonObject()
        .put("chainId", chainId)
        .put("settlement", settlement)
        .put("node", node)
        .put("owner", owner)
        .put("cumulativeAmount", cumulativeAmount.toString())
        .put("proof", words);
  }
}
