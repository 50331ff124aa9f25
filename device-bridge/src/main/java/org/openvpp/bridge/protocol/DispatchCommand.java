package org.openvpp.bridge.protocol;

import org.openvpp.contracts.eip712.AbiWords;

/**
 * A dispatch command from a node to one device, signed by the node key (EIP-712 {@code
 * DispatchCommand}, domain "OpenVPP Dispatch").
 *
 * @param node the node's address; the device obeys only the node it was provisioned with
 * @param device the addressed device
 * @param commandId strictly increasing per (node, device); a device ignores ids it has seen
 * @param targetPowerW requested active power, W, positive = export / discharge, negative = import /
 *     charge
 * @param validFromMs UTC ms from which the command applies
 * @param validUntilMs UTC ms after which the device returns to its owner's normal behaviour
 */
public record DispatchCommand(
    String node,
    String device,
    long commandId,
    long targetPowerW,
    long validFromMs,
    long validUntilMs) {

  public DispatchCommand {
    node = AbiWords.checkAddress(node);
    device = AbiWords.checkAddress(device);
    if (commandId < 0 || validFromMs < 0 || validUntilMs < validFromMs) {
      throw new IllegalArgumentException("bad command id or validity window");
    }
  }

  public boolean validAt(long nowMs) {
    return nowMs >= validFromMs && nowMs < validUntilMs;
  }
}
