package org.openvpp.node.outbox;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

/** An intent row. */
record StoredIntent(
    Intent intent,
    long seq,
    String sender,
    IntentState state,
    OptionalLong nonce,
    Optional<BigInteger> gasLimit,
    Optional<String> txHash,
    OptionalLong blockNumber,
    Optional<String> error) {

  IntentStatus status() {
    return new IntentStatus(intent.key(), state, nonce, txHash, blockNumber, error);
  }
}
