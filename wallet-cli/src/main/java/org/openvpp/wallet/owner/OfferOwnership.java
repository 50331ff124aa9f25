package org.openvpp.wallet.owner;

import java.util.Map;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code device offer DEVICE TO}: step one of a transfer; the new owner must accept. */
@Command(
    name = "offer",
    mixinStandardHelpOptions = true,
    description = "Offer a device you own to another account (it becomes theirs when they accept).",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device offer 0xDEVICE 0x90f79bf6eb2c4f870365e785982e1f101e93b906"
    })
final class OfferOwnership extends WalletCommand {
  @Parameters(index = "0", paramLabel = "DEVICE", description = "device address")
  String device;

  @Parameters(index = "1", paramLabel = "TO", description = "new owner: address or account name")
  String to;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    String recipient = session.address(to, "new owner address");
    Map<String, Object> f =
        Devices.send(
            session, address, registry -> registry.offerOwnership(address, recipient), "offer");
    f.put("offeredTo", recipient);
    session.out().fields(f);
  }
}
