package org.openvpp.wallet.owner;

import java.util.Map;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
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
    Chain chain = session.chain();
    Devices.require(chain, address);
    var sender = session.sender();
    String data = chain.devices().acceptOwnership(address).encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().deviceRegistry(), data, "accept");
    Map<String, Object> f = outcome.fields();
    f.put("device", address);
    f.put("owner", sender.from());
    session.out().fields(f);
  }
}
