package org.openvpp.node.rewards;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Which submission a pending ledger belongs to: evidence for a request or a contribution for an
 * epoch. Known before the transaction is mined (the on-chain submission id is not), and unique per
 * node: Settlement takes one live submission per node and subject. {@link #toString()} is the form
 * the node's store keeps ({@code evidence/42}, {@code contribution/7}).
 */
public record SubmissionKey(Kind kind, BigInteger subject) implements Comparable<SubmissionKey> {

  public enum Kind {
    /** submitEvidence for a request id. */
    EVIDENCE,
    /** submitContribution for an epoch. */
    CONTRIBUTION
  }

  public SubmissionKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    if (subject.signum() < 0) {
      throw new IllegalArgumentException("subject must not be negative");
    }
  }

  public static SubmissionKey evidence(BigInteger requestId) {
    return new SubmissionKey(Kind.EVIDENCE, requestId);
  }

  public static SubmissionKey contribution(long epoch) {
    return new SubmissionKey(Kind.CONTRIBUTION, BigInteger.valueOf(epoch));
  }

  /** Reads the {@link #toString()} form back; refuses anything else. */
  public static SubmissionKey parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("0|[1-9][0-9]{0,77}")) {
      throw new IllegalArgumentException("not a submission key: " + text);
    }
    Kind kind =
        switch (text.substring(0, slash)) {
          case "evidence" -> Kind.EVIDENCE;
          case "contribution" -> Kind.CONTRIBUTION;
          default -> throw new IllegalArgumentException("not a submission key: " + text);
        };
    return new SubmissionKey(kind, new BigInteger(text.substring(slash + 1)));
  }

  @Override
  public int compareTo(SubmissionKey o) {
    int byKind = kind.compareTo(o.kind);
    return byKind != 0 ? byKind : subject.compareTo(o.subject);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + subject;
  }
}
