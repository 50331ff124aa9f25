package org.openvpp.node.outbox;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * An intent as the outbox sees it now.
 *
 * @param key the idempotency key
 * @param state the step reached
 * @param nonce the nonce, once assigned
 * @param txHash the mined transaction's hash, once mined
 * @param blockNumber the block it was mined in
 * @param error why it was rejected, reverted or failed
 */
public record IntentStatus(
    String key,
    IntentState state,
    OptionalLong nonce,
    Optional<String> txHash,
    OptionalLong blockNumber,
    Optional<String> error) {}
