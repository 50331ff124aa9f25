package org.openvpp.node.outbox;

import java.math.BigInteger;
import java.util.Optional;

/** The JSON-RPC calls the outbox makes. Every call blocks: worker threads only. */
public interface ChainGateway {
  long chainId();

  long headNumber();

  /** The latest block's base fee per gas. */
  BigInteger baseFee();

  /** Transactions of {@code address} mined so far (the next nonce the chain expects). */
  long minedNonce(String address);

  /** Gas the call needs, or the revert it would hit. */
  Estimate estimateGas(String from, Intent intent);

  /** Broadcasts a signed transaction. */
  SendOutcome send(String rawTransaction);

  /** The receipt of a transaction, if mined on the current chain. */
  Optional<Receipt> receipt(String txHash);

  /**
   * A gas estimate: {@code gas} when the call succeeds, {@code revert} (the node's message and
   * data) when it would revert.
   */
  record Estimate(Optional<BigInteger> gas, Optional<String> revert) {}

  /** What the node answered to a broadcast. */
  enum SendOutcome {
    ACCEPTED,
    /** This exact transaction is already in the pool. */
    ALREADY_KNOWN,
    /** The nonce is used: one of ours was mined (look for the receipt) or a foreign one. */
    NONCE_USED,
    /** The pool holds a transaction with this nonce and fees not low enough to replace. */
    UNDERPRICED
  }

  /**
   * A mined transaction.
   *
   * @param txHash its hash
   * @param blockNumber where it was mined
   * @param success status 1
   */
  record Receipt(String txHash, long blockNumber, boolean success) {}
}
