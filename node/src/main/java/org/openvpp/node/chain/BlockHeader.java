package org.openvpp.node.chain;

/**
 * What the follower keeps of a block: enough to notice that the chain changed under it.
 *
 * @param number block number
 * @param hash lower-case 0x hex block hash
 * @param parentHash lower-case 0x hex hash of the parent block
 */
public record BlockHeader(long number, String hash, String parentHash) {}
