package org.openvpp.bridge.protocol;

import org.openvpp.contracts.eip712.AbiWords;

/**
 * The node's signed heartbeat. A device that sees no valid heartbeat from its node for {@link
 * Protocol#HEARTBEAT_TIMEOUT_MS} drops every command and returns to its owner's normal behaviour.
 *
 * @param node the node's address
 * @param sequence strictly increasing per node
 * @param timestampMs UTC ms when sent
 */
public record Heartbeat(String node, long sequence, long timestampMs) {
  public Heartbeat {
    node = AbiWords.checkAddress(node);
  }
}
