package org.openvpp.wallet.owner;

import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code device show DEVICE}: the registry's record of one device. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a device's registry record: status, model, limits, OEM, owner, offer, node.",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device show 0x5fbdb2315678afecb367f032d93f642f64180aa3"
    })
final class ShowDevice extends WalletCommand {
  @Parameters(paramLabel = "DEVICE", description = "device address")
  String device;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    Chain chain = session.chain();
    DeviceRegistry.Device d = Devices.require(chain, address);
    String pending = chain.read(() -> chain.devices().pendingOwnerOf(address).send());
    session.out().fields(Devices.row(address, d, pending, Devices.node(chain, address)));
  }
}
