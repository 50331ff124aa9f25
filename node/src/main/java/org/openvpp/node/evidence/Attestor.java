package org.openvpp.node.evidence;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.openvpp.contracts.evidence.Attestations;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;
import org.openvpp.contracts.evidence.EvidenceReview;
import org.openvpp.contracts.evidence.EvidenceReview.Posted;
import org.openvpp.contracts.evidence.EvidenceReview.Served;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A committee member's decision on one submission: it reviews the served evidence against what was
 * posted ({@link EvidenceReview}) and signs the EIP-712 Attestation only when nothing is wrong, so
 * its stake never backs a root a challenge could void. Signing is CPU work: call from a worker
 * thread.
 */
public final class Attestor {
  private static final Logger LOG = LoggerFactory.getLogger(Attestor.class);

  private final Attestations attestations;
  private final EvidenceReview review;
  private final Credentials key;

  public Attestor(Attestations attestations, EvidenceReview review, Credentials key) {
    this.attestations = Objects.requireNonNull(attestations, "attestations");
    this.review = Objects.requireNonNull(review, "review");
    this.key = Objects.requireNonNull(key, "key");
  }

  public String address() {
    return key.getAddress();
  }

  /** The signature, or (signature null) every reason the attestor refused. */
  public record Decision(byte[] signature, List<String> problems) {
    public boolean signed() {
      return signature != null;
    }
  }

  public Decision decide(BigInteger submissionId, Window w, Posted posted, Served served) {
    List<String> problems = review.problems(w, posted, served);
    if (!problems.isEmpty()) {
      LOG.warn("not attesting submission {}: {}", submissionId, problems);
      return new Decision(null, problems);
    }
    byte[] signature =
        attestations.sign(
            submissionId, posted.evidenceRoot(), posted.rewardRoot(), key.getEcKeyPair());
    return new Decision(signature, List.of());
  }
}
