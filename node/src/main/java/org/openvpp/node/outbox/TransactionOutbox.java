package org.openvpp.node.outbox;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.openvpp.node.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Sends the node's transactions so that each intent has exactly one on-chain effect. Every step
 * commits before the next begins: the intent is persisted, then given a nonce (from the database,
 * never re-derived while an intent holds one), then signed and the signed bytes recorded, and only
 * then broadcast. A restart resumes from the last commit: a recorded but unconfirmed broadcast is
 * repeated byte for byte (same hash, so the node answers "known" or "nonce used" and the receipt is
 * found by hash); a stuck attempt is replaced with the same nonce and higher fees. Since all
 * attempts of an intent share its nonce, at most one of them can ever be mined.
 *
 * <p>Blocking (JSON-RPC, JDBC, signing): {@link #step} from one worker thread at a time.
 */
public final class TransactionOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionOutbox.class);
  private static final BigInteger GAS_HEADROOM_PERCENT = BigInteger.valueOf(125);

  private final Database database;
  private final ChainGateway chain;
  private final Credentials signer;
  private final String sender;
  private final FeePolicy fees;
  private final StepHook hook;
  private final int confirmations;

  /** An outbox that takes the first receipt as final (a dev chain that never reorganizes). */
  public TransactionOutbox(
      Database database, ChainGateway chain, Credentials signer, FeePolicy fees, StepHook hook) {
    this(database, chain, signer, fees, hook, 0);
  }

  /**
   * @param confirmations blocks that must follow a receipt's block before the intent is final (the
   *     chain follower's {@code chain.confirmations}); until then a reorganization that drops the
   *     transaction leaves the intent open, and it is sent again
   */
  public TransactionOutbox(
      Database database,
      ChainGateway chain,
      Credentials signer,
      FeePolicy fees,
      StepHook hook,
      int confirmations) {
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations must be >= 0, was " + confirmations);
    }
    this.confirmations = confirmations;
    this.database = database;
    this.chain = chain;
    this.signer = signer;
    this.sender = signer.getAddress().toLowerCase(Locale.ROOT);
    this.fees = fees;
    this.hook = hook;
  }

  /** The address that signs. */
  public String sender() {
    return sender;
  }

  /**
   * Persists an intent. The same key again is the same intent (its status is answered); the same
   * key with a different transaction is refused.
   */
  public IntentStatus enqueue(Intent intent) {
    IntentStatus status =
        database.transaction(
            c -> {
              Optional<StoredIntent> existing = OutboxStore.find(c, intent.key());
              if (existing.isPresent()) {
                if (!existing.get().intent().equals(intent)) {
                  throw new IllegalArgumentException(
                      "intent key " + intent.key() + " is already used by a different transaction");
                }
                return existing.get().status();
              }
              OutboxStore.insert(c, intent, sender);
              return OutboxStore.find(c, intent.key()).orElseThrow().status();
            });
    hook.after(OutboxStep.PERSISTED, intent.key());
    return status;
  }

  public Optional<IntentStatus> status(String key) {
    return database.transaction(c -> OutboxStore.find(c, key).map(StoredIntent::status));
  }

  /** True when no intent waits for a step. */
  public boolean idle() {
    return database.transaction(
        c -> {
          for (IntentState s : IntentState.values()) {
            if (!s.isFinal() && !OutboxStore.inState(c, s).isEmpty()) {
              return false;
            }
          }
          return true;
        });
  }

  /** Moves every open intent as far as it can go now. */
  public void step() {
    for (StoredIntent i : inState(IntentState.QUEUED)) {
      assignNonce(i);
    }
    for (StoredIntent i : inState(IntentState.NONCED)) {
      sign(i, fees.initial(chain.baseFee()));
    }
    sendSigned();
    for (StoredIntent i : inState(IntentState.SENT)) {
      track(i);
    }
    sendSigned(); // replacements signed while tracking
  }

  private List<StoredIntent> inState(IntentState state) {
    return database.transaction(c -> OutboxStore.inState(c, state));
  }

  /** Estimates first: a call that would revert is refused before it can spend a nonce. */
  private void assignNonce(StoredIntent i) {
    ChainGateway.Estimate estimate = chain.estimateGas(sender, i.intent());
    if (estimate.revert().isPresent()) {
      LOG.warn("intent {} refused, the call would revert: {}", i.intent().key(), estimate.revert());
      database.transaction(
          c -> {
            OutboxStore.finish(
                c,
                i.intent().key(),
                IntentState.REJECTED,
                Optional.empty(),
                OptionalLong.empty(),
                estimate.revert());
            return null;
          });
      hook.after(OutboxStep.DONE, i.intent().key());
      return;
    }
    BigInteger gasLimit =
        estimate.gas().orElseThrow().multiply(GAS_HEADROOM_PERCENT).divide(BigInteger.valueOf(100));
    long mined = chain.minedNonce(sender);
    long nonce =
        database.transaction(
            c -> {
              OptionalLong stored = OutboxStore.nextNonce(c, sender);
              // Below the chain's count a nonce is spent; above our own record it is not ours yet.
              long next = Math.max(stored.orElse(0), mined);
              OutboxStore.assignNonce(c, i.intent().key(), next, gasLimit);
              OutboxStore.setNextNonce(c, sender, next + 1, stored.isPresent());
              return next;
            });
    LOG.debug("intent {} has nonce {}", i.intent().key(), nonce);
    hook.after(OutboxStep.NONCE_ASSIGNED, i.intent().key());
  }

  private void sign(StoredIntent i, FeePolicy.Fees offer) {
    RawTransaction tx =
        RawTransaction.createTransaction(
            chain.chainId(),
            BigInteger.valueOf(i.nonce().orElseThrow()),
            i.gasLimit().orElseThrow(),
            i.intent().target(),
            i.intent().valueWei(),
            i.intent().calldata(),
            offer.tipWei(),
            offer.maxFeeWei());
    String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, signer));
    Attempt attempt =
        new Attempt(
            Hash.sha3(raw).toLowerCase(Locale.ROOT),
            i.intent().key(),
            i.nonce().getAsLong(),
            offer,
            raw,
            chain.headNumber(),
            false);
    database.transaction(
        c -> {
          OutboxStore.insertAttempt(c, attempt);
          OutboxStore.setState(c, i.intent().key(), IntentState.SIGNED);
          return null;
        });
    hook.after(OutboxStep.SIGNED, i.intent().key());
  }

  private void sendSigned() {
    for (StoredIntent i : inState(IntentState.SIGNED)) {
      List<Attempt> attempts = database.transaction(c -> OutboxStore.attempts(c, i.intent().key()));
      for (Attempt a : attempts) {
        if (!a.sent()) {
          broadcast(i, a);
        }
      }
    }
  }

  private void broadcast(StoredIntent i, Attempt a) {
    ChainGateway.SendOutcome outcome = chain.send(a.rawTransaction());
    hook.after(OutboxStep.SENT, i.intent().key());
    if (outcome == ChainGateway.SendOutcome.UNDERPRICED) {
      LOG.warn("replacement {} of intent {} refused as underpriced", a.txHash(), i.intent().key());
    }
    database.transaction(
        c -> {
          OutboxStore.markSent(c, a.txHash());
          OutboxStore.setState(c, i.intent().key(), IntentState.SENT);
          return null;
        });
  }

  private void track(StoredIntent i) {
    String key = i.intent().key();
    long nonce = i.nonce().orElseThrow();
    long mined = chain.minedNonce(sender); // read before the receipts: see below
    List<Attempt> attempts = database.transaction(c -> OutboxStore.attempts(c, key));
    for (Attempt a : attempts) {
      Optional<ChainGateway.Receipt> receipt = chain.receipt(a.txHash());
      if (receipt.isPresent()) {
        hook.after(OutboxStep.RECEIPT_SEEN, key);
        if (chain.headNumber() - receipt.get().blockNumber() < confirmations) {
          // Not final yet: a reorganization may still drop the block. The intent stays SENT, so
          // if the receipt is gone at a later pass the nonce is unspent again and the stuck rule
          // below sends the transaction again (same nonce: still at most one effect).
          return;
        }
        record(i, receipt.get());
        return;
      }
    }
    if (mined > nonce) {
      // The nonce was spent before we looked, and by none of our attempts.
      LOG.error(
          "intent {}: nonce {} was used by a transaction the outbox did not sign", key, nonce);
      database.transaction(
          c -> {
            OutboxStore.finish(
                c,
                key,
                IntentState.FAILED,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.of("nonce " + nonce + " used by a transaction the outbox did not sign"));
            return null;
          });
      hook.after(OutboxStep.DONE, key);
      return;
    }
    Attempt newest = attempts.get(0);
    if (chain.headNumber() - newest.signedAtBlock() >= fees.stuckBlocks()) {
      replace(i, newest);
    }
  }

  private void replace(StoredIntent i, Attempt newest) {
    Optional<FeePolicy.Fees> bumped = fees.bump(newest.fees(), chain.baseFee());
    if (bumped.isEmpty()) {
      LOG.warn(
          "intent {} stuck at the fee cap {} wei; broadcasting it again",
          i.intent().key(),
          fees.maxFeeCapWei());
      chain.send(newest.rawTransaction());
      return;
    }
    LOG.info(
        "intent {} stuck since block {}: replacing nonce {} at max fee {} wei (was {})",
        i.intent().key(),
        newest.signedAtBlock(),
        newest.nonce(),
        bumped.get().maxFeeWei(),
        newest.fees().maxFeeWei());
    sign(i, bumped.get());
  }

  private void record(StoredIntent i, ChainGateway.Receipt receipt) {
    IntentState state = receipt.success() ? IntentState.MINED : IntentState.REVERTED;
    database.transaction(
        c -> {
          OutboxStore.finish(
              c,
              i.intent().key(),
              state,
              Optional.of(receipt.txHash()),
              OptionalLong.of(receipt.blockNumber()),
              receipt.success() ? Optional.empty() : Optional.of("reverted on chain"));
          return null;
        });
    if (!receipt.success()) {
      LOG.warn("intent {} reverted in block {}", i.intent().key(), receipt.blockNumber());
    }
    hook.after(OutboxStep.DONE, i.intent().key());
  }

  /** The attempts of an intent, newest first (for inspection and tests). */
  List<Attempt> attempts(String key) {
    return database.transaction(c -> OutboxStore.attempts(c, key));
  }
}
