package org.openvpp.node.chain;

import java.sql.Connection;

/**
 * Where an event sits on the chain, and the follower's open transaction: a listener that keeps
 * state in the node's database writes through {@code connection}, so its change commits or rolls
 * back with the follower's record of the event (exactly once, across crashes and reorganizations).
 *
 * @param connection the follower's transaction; never commit or close it
 * @param blockNumber block number
 * @param blockHash lower-case 0x hex block hash
 * @param logIndex position of the log in the block
 * @param transactionHash lower-case 0x hex transaction hash
 */
public record EventContext(
    Connection connection,
    long blockNumber,
    String blockHash,
    long logIndex,
    String transactionHash) {}
