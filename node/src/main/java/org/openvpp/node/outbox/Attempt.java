package org.openvpp.node.outbox;

/**
 * One signed transaction of an intent, recorded before it is broadcast.
 *
 * @param txHash its hash
 * @param key the intent's idempotency key
 * @param nonce the intent's nonce (the same for every attempt of the intent)
 * @param fees what it offers per gas
 * @param rawTransaction the signed bytes, 0x hex (re-broadcast after a restart, byte for byte)
 * @param signedAtBlock the head when it was signed (stuck detection)
 * @param sent whether a broadcast is known to have happened
 */
record Attempt(
    String txHash,
    String key,
    long nonce,
    FeePolicy.Fees fees,
    String rawTransaction,
    long signedAtBlock,
    boolean sent) {}
