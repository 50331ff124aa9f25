package org.openvpp.wallet.owner;

import java.util.Map;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code device accept DEVICE}: step two of a transfer, sent by the new owner. */
@Command(
    name = "accept",
    mixinStandardHelpOptions = true,
    description = "Accept a device offered to you; you become its owner.",
    footer = {"", "Examples:", "  vpp-wallet --account bob device accept 0xDEVICE"})
final class AcceptOwnership extends WalletCommand {
  @Parameters(paramLabel = "DEVICE", description = "device address")
  String device;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    Map<String, Object> f =
        Devices.send(session, address, registry -> registry.acceptOwnership(address), "accept");
    f.put("owner", session.addressOrSelf(java.util.Optional.empty(), "owner address"));
    session.out().fields(f);
  }
}
