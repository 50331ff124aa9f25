package org.openvpp.node.rewards;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.EvidenceBatch;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardClaim;
import org.openvpp.contracts.evidence.RewardLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's reward book, following Settlement's chain of submissions: each submission's ledger
 * continues the tip, the last finalized ledger is what owners claim from, and a fraud or an expiry
 * that resets the node's chain drops every pending ledger and takes the tip back to the finalized
 * one, as Settlement's {@code _resetChain} does. Every change is saved through the {@link
 * RewardBookStore} before it is visible. Events the book does not hold pending (replayed after a
 * restart, or of a generation already reset) change nothing, so the chain follower may deliver an
 * event twice.
 *
 * <p>Thread-safe; the store may block, so call from a worker thread, never an event loop.
 */
public final class RewardBook {
  private static final Logger LOG = LoggerFactory.getLogger(RewardBook.class);

  private final String node;
  private final RewardBookStore store;
  private final List<Consumer<RewardLedger>> finalizedListeners = new CopyOnWriteArrayList<>();
  private RewardBookState state;

  /** The node's book as last saved in {@code store}, or an empty one. */
  public RewardBook(String node, RewardBookStore store) {
    this.node = AbiWords.checkAddress(node);
    this.store = store;
    this.state = store.load(this.node).orElse(RewardBookState.empty());
  }

  public String node() {
    return node;
  }

  public synchronized RewardBookState state() {
    return state;
  }

  /** What the next submission must add to. */
  public synchronized RewardLedger tip() {
    return state.tip();
  }

  /** What owners can claim now: the ledger of the node's last finalized submission. */
  public synchronized RewardLedger finalized() {
    return state.finalized();
  }

  /**
   * The batch to post next: {@code ownerShare} of {@code payment} split over the tree's owners on
   * top of the tip. Nothing changes until {@link #submitted}.
   */
  public synchronized EvidenceBatch next(
      List<DeviceWindow> windows, EvidenceTree tree, BigInteger payment, BigInteger ownerShare) {
    return EvidenceBatch.of(windows, tree, payment, ownerShare, state.tip());
  }

  /**
   * The node posted {@code ledger} for {@code key}: it becomes the tip and stays pending until
   * finalized or dropped. The ledger must continue the tip (no owner's amount goes down), or
   * Settlement would refuse its total and owners could lose what they earned.
   *
   * @throws IllegalStateException if the key is pending with another ledger, or the ledger does not
   *     continue the tip
   */
  public synchronized void submitted(SubmissionKey key, RewardLedger ledger) {
    RewardLedger existing = state.pending().get(key);
    if (existing != null) {
      if (existing.equals(ledger)) {
        return; // replayed
      }
      throw new IllegalStateException(key + " is already pending with another ledger");
    }
    requireContinues(state.tip(), ledger);
    Map<SubmissionKey, RewardLedger> pending = new TreeMap<>(state.pending());
    pending.put(key, ledger);
    commit(state.withPending(pending, ledger));
  }

  /**
   * Settlement finalized {@code key}: its ledger becomes claimable.
   *
   * @return false when the book holds no pending ledger for it (a replayed event)
   */
  public boolean finalized(SubmissionKey key) {
    RewardLedger ledger;
    synchronized (this) {
      ledger = state.pending().get(key);
      if (ledger == null) {
        LOG.debug("node {}: finalized {} is not pending here, nothing to do", node, key);
        return false;
      }
      Map<SubmissionKey, RewardLedger> pending = new TreeMap<>(state.pending());
      pending.remove(key);
      commit(new RewardBookState(ledger, state.tip(), new TreeMap<>(pending)));
    }
    // Outside the lock: a listener (the API's live events) may read the book.
    finalizedListeners.forEach(l -> l.accept(ledger));
    return true;
  }

  /** Called with the newly claimable ledger after each finalization, e.g. to announce it. */
  public void onFinalized(Consumer<RewardLedger> listener) {
    finalizedListeners.add(listener);
  }

  /**
   * Settlement voided {@code key} (proven fraud) or expired it with a reset of the node's chain:
   * every pending ledger is dropped and the tip falls back to the finalized ledger. An expiry as
   * "superseded" concerns a submission already dropped and changes nothing.
   *
   * @return false when the book holds no pending ledger for it
   */
  public synchronized boolean dropped(SubmissionKey key) {
    if (!state.pending().containsKey(key)) {
      LOG.debug("node {}: dropped {} is not pending here, nothing to do", node, key);
      return false;
    }
    LOG.warn(
        "node {}: submission {} was voided or expired; {} pending ledger(s) dropped, the next"
            + " submission continues from the finalized total {}",
        node,
        key,
        state.pending().size(),
        state.finalized().total());
    commit(new RewardBookState(state.finalized(), state.finalized(), new TreeMap<>()));
    return true;
  }

  /**
   * Takes over a finalized ledger kept elsewhere (a restarted driver, an import), but only the one
   * whose root Settlement holds as the node's claim root: a root built on anything else would fail
   * Settlement's total check or hand out proofs that do not verify.
   *
   * @param claimRoot Settlement.nodeRewards(node).claimRoot; all zero when nothing was finalized
   * @throws IllegalStateException if submissions are pending or the ledger's root is not claimRoot
   */
  public synchronized void restore(RewardLedger ledger, byte[] claimRoot) {
    if (!state.pending().isEmpty()) {
      throw new IllegalStateException("node " + node + " has pending submissions");
    }
    boolean noRoot = new BigInteger(1, claimRoot).signum() == 0;
    if (noRoot ? !ledger.isEmpty() : ledger.isEmpty() || !Arrays.equals(ledger.root(), claimRoot)) {
      throw new IllegalStateException(
          "node " + node + ": the ledger's root is not the claim root Settlement holds");
    }
    commit(new RewardBookState(ledger, ledger, new TreeMap<>()));
  }

  /**
   * What {@code owner} can claim from this node now, with proofs against its finalized root: one
   * entry, or none when the owner has no leaf (what {@code GET /v1/rewards/{owner}} serves).
   */
  public synchronized List<RewardClaim> claimable(String owner) {
    Optional<RewardClaim> claim = state.finalized().claim(node, owner);
    return claim.map(List::of).orElse(List.of());
  }

  /** Every owner in the tip or the finalized ledger, by address: earned and claimable amounts. */
  public synchronized List<OwnerEarning> earnings() {
    Map<String, BigInteger> done = state.finalized().cumulative();
    Map<String, BigInteger> tip = state.tip().cumulative();
    TreeSet<String> owners = new TreeSet<>(done.keySet());
    owners.addAll(tip.keySet());
    List<OwnerEarning> out = new ArrayList<>(owners.size());
    for (String owner : owners) {
      out.add(
          new OwnerEarning(
              owner,
              done.getOrDefault(owner, BigInteger.ZERO),
              tip.getOrDefault(owner, BigInteger.ZERO)));
    }
    return out;
  }

  private static void requireContinues(RewardLedger tip, RewardLedger next) {
    for (Map.Entry<String, BigInteger> e : tip.cumulative().entrySet()) {
      BigInteger after = next.cumulative().getOrDefault(e.getKey(), BigInteger.ZERO);
      if (after.compareTo(e.getValue()) < 0) {
        throw new IllegalStateException(
            "the ledger lowers " + e.getKey() + " from " + e.getValue() + " to " + after);
      }
    }
  }

  private void commit(RewardBookState next) {
    store.save(node, next); // saved first: nothing is visible that a crash could lose
    state = next;
  }
}
