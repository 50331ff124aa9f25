/**
 * The chain follower: reads the events of the project's contracts with a confirmation depth,
 * persists its cursor and the blocks it applied within the reorganization horizon, undoes the
 * events of orphaned blocks and applies every event of the canonical chain exactly once.
 */
package org.openvpp.node.chain;
