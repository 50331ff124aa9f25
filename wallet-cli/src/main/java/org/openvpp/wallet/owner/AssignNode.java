package org.openvpp.wallet.owner;

import java.util.Map;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code device assign-node DEVICE NODE}: the owner chooses the node that may claim the device's
 * delivery. Settlement attributes a window to the node assigned at its start, so the assignment
 * takes effect from this block on and is cleared when the device changes hands.
 */
@Command(
    name = "assign-node",
    mixinStandardHelpOptions = true,
    description = {
      "Assign a device you own to the node that reports and settles its delivery.",
      "Effective from this block on; NODE `none` unassigns. A transfer to a new owner clears it."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device assign-node 0xDEVICE 0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
      "  vpp-wallet device assign-node 0xDEVICE operator",
      "  vpp-wallet device assign-node 0xDEVICE none"
    })
final class AssignNode extends WalletCommand {
  @Parameters(index = "0", paramLabel = "DEVICE", description = "device address")
  String device;

  @Parameters(
      index = "1",
      paramLabel = "NODE",
      description = "the node's operator address or account name, or `none` to unassign")
  String node;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    String assignee =
        "none".equalsIgnoreCase(node) ? Devices.NOBODY : session.address(node, "node address");
    Map<String, Object> f =
        Devices.send(
            session, address, registry -> registry.setNode(address, assignee), "assign-node");
    f.put("node", Devices.orNull(assignee));
    session.out().fields(f);
  }
}
