package org.openvpp.wallet.oem;

import java.util.Map;
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
    Map<String, Object> f =
        Devices.send(session, address, registry -> registry.revokeDevice(address), "revoke device");
    f.put("deviceStatus", "revoked");
    session.out().fields(f);
  }
}
