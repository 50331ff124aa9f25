package org.openvpp.wallet.oem;

import java.util.Map;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.owner.Devices;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code oem revoke DEVICE}: a compromised or recalled device stops counting anywhere. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke a device of one of your models (compromised key, recalled unit).",
    footer = {"", "Examples:", "  vpp-wallet oem revoke 0xDEVICE"})
final class RevokeDevice extends WalletCommand {
  @Parameters(paramLabel = "DEVICE", description = "device address")
  String device;

  @Override
  protected void run(Session session) {
    String address = session.address(device, "device address");
    Chain chain = session.chain();
    Devices.require(chain, address);
    var sender = session.sender();
    String data = chain.devices().revokeDevice(address).encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().deviceRegistry(), data, "revoke device");
    Map<String, Object> f = outcome.fields();
    f.put("device", address);
    f.put("deviceStatus", "revoked");
    session.out().fields(f);
  }
}
