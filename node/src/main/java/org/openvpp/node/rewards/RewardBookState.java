package org.openvpp.node.rewards;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.openvpp.contracts.evidence.RewardLedger;

/**
 * One node's reward ledgers at a moment: what Settlement finalized (owners claim from it), the tip
 * (what the next submission must add to) and the ledger of every submission still pending. What a
 * {@link RewardBookStore} keeps.
 */
public record RewardBookState(
    RewardLedger finalized, RewardLedger tip, SortedMap<SubmissionKey, RewardLedger> pending) {

  public RewardBookState {
    Objects.requireNonNull(finalized, "finalized");
    Objects.requireNonNull(tip, "tip");
    pending = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pending));
  }

  /** A node that never submitted. */
  public static RewardBookState empty() {
    return new RewardBookState(new RewardLedger(), new RewardLedger(), new TreeMap<>());
  }

  RewardBookState withPending(Map<SubmissionKey, RewardLedger> next, RewardLedger tip) {
    return new RewardBookState(finalized, tip, new TreeMap<>(next));
  }
}
