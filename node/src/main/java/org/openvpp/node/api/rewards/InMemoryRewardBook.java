package org.openvpp.node.api.rewards;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.evidence.RewardTree;
import org.openvpp.node.api.events.NodeEvents;
import org.web3j.utils.Numeric;

/**
 * The node's reward book in memory, over the shared {@link RewardLedger}: each submission proposes
 * the next cumulative ledger on top of the tip; Settlement's finalization makes it claimable, a
 * voided submission drops it. Owners' proofs come from the latest finalized tree, built once per
 * finalization. Thread-safe; listeners hear of every finalization (the API's live events).
 */
public final class InMemoryRewardBook implements RewardBook {
  private final long chainId;
  private final String settlement;
  private final String node;
  private final Map<BigInteger, RewardLedger> pending = new HashMap<>();
  private final List<Consumer<RewardTree>> listeners = new CopyOnWriteArrayList<>();
  private RewardLedger tip = new RewardLedger();
  private RewardLedger finalizedLedger = new RewardLedger();
  private Optional<RewardTree> finalized = Optional.empty();

  public InMemoryRewardBook(long chainId, String settlement, String node) {
    this.chainId = chainId;
    this.settlement = AbiWords.checkAddress(settlement);
    this.node = AbiWords.checkAddress(node);
  }

  /** Called with the new finalized tree after each finalization. */
  public void onFinalized(Consumer<RewardTree> listener) {
    listeners.add(listener);
  }

  /** Announces every finalization as a {@code rewards} event (new root, total, owners). */
  public void publishTo(NodeEvents events) {
    onFinalized(
        tree ->
            events.publish(
                "rewards",
                new JsonObject()
                    .put("rewardRoot", Numeric.toHexString(tree.root()))
                    .put("total", tree.total().toString())
                    .put("owners", tree.cumulative().size())));
  }

  /** The ledger the next submission builds on. */
  public synchronized RewardLedger tip() {
    return tip;
  }

  /** A submission posted {@code next} (built on {@link #tip}) as its reward root. */
  public synchronized void submitted(BigInteger submissionId, RewardLedger next) {
    pending.put(submissionId, next);
    tip = next;
  }

  /** Settlement finalized the submission: its ledger is now claimable. */
  public void finalized(BigInteger submissionId) {
    RewardTree tree;
    synchronized (this) {
      RewardLedger ledger = pending.remove(submissionId);
      if (ledger == null) {
        throw new IllegalArgumentException("no pending submission " + submissionId);
      }
      finalizedLedger = ledger;
      tree = ledger.tree();
      finalized = Optional.of(tree);
    }
    listeners.forEach(l -> l.accept(tree));
  }

  /**
   * Settlement voided the submission (fraud proven): the tip falls back to the finalized ledger,
   * and pending submissions built on the voided one are dropped with it (their totals include it).
   */
  public synchronized void voided(BigInteger submissionId) {
    if (pending.remove(submissionId) != null) {
      pending.clear();
      tip = finalizedLedger;
    }
  }

  @Override
  public synchronized List<RewardClaim> claimsOf(String owner) {
    String who = owner.toLowerCase(Locale.ROOT);
    if (finalized.isEmpty() || !finalized.get().cumulative().containsKey(who)) {
      return List.of();
    }
    RewardTree tree = finalized.get();
    return List.of(
        new RewardClaim(chainId, settlement, node, who, tree.amountOf(who), tree.proof(who)));
  }

  @Override
  public synchronized List<Earning> earnings() {
    Map<String, BigInteger> done = finalizedLedger.cumulative();
    Map<String, BigInteger> tipAmounts = tip.cumulative();
    TreeSet<String> owners = new TreeSet<>(done.keySet());
    owners.addAll(tipAmounts.keySet());
    List<Earning> out = new ArrayList<>();
    for (String owner : owners) {
      out.add(
          new Earning(
              owner,
              done.getOrDefault(owner, BigInteger.ZERO),
              tipAmounts.getOrDefault(owner, BigInteger.ZERO)));
    }
    return out;
  }
}
