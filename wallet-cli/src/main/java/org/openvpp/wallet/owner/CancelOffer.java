package org.openvpp.wallet.owner;

import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code device cancel-offer DEVICE}: withdraws an open offer. */
@Command(
    name = "cancel-offer",
    mixinStandardHelpOptions = true,
    description = "Withdraw the open ownership offer of a device you own.",
    footer = {"", "Examples:", "  vpp-wallet device cancel-offer 0xDEVICE"})
final class CancelOffer extends WalletCommand {
  @Parameters(paramLabel = "DEVICE", description = "device address")
  String device;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    session
        .out()
        .fields(
            Devices.send(
                session,
                address,
                registry -> registry.cancelOwnershipOffer(address),
                "cancel offer"));
  }
}
