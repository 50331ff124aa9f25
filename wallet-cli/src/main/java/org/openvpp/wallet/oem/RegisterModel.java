package org.openvpp.wallet.oem;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oem register-model}: publishes a device model with its rated limits. */
@Command(
    name = "register-model",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a device model with its rated limits; you become its OEM. Classes:",
      "HOME_BATTERY, EV_CHARGER, PV_INVERTER, HEAT_PUMP, TELECOM_SITE_BATTERY",
      "(batteries need a capacity)."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem register-model --class HOME_BATTERY --power-w 5000 --capacity-wh 10000 \\",
      "      --name \"PowerBox 10\"",
      "  vpp-wallet oem register-model --class EV_CHARGER --power-w 11000 --name \"Wallbox 11\""
    })
final class RegisterModel extends WalletCommand {
  @Option(names = "--class", required = true, paramLabel = "CLASS", description = "device class")
  DeviceClass deviceClass;

  @Option(names = "--power-w", required = true, paramLabel = "W", description = "rated power, W")
  long powerW;

  @Option(
      names = "--capacity-wh",
      defaultValue = "0",
      paramLabel = "WH",
      description = "usable capacity, Wh (default ${DEFAULT-VALUE})")
  long capacityWh;

  @Option(names = "--name", required = true, description = "model name")
  String name;

  @Override
  protected void run(Session session) {
    if (powerW <= 0 || powerW > 0xffff_ffffL || capacityWh < 0 || capacityWh > 0xffff_ffffL) {
      throw WalletException.usage(
          "--power-w must be 1..4294967295 and --capacity-wh 0..4294967295");
    }
    if (deviceClass.storesEnergy() && capacityWh == 0) {
      throw WalletException.usage(deviceClass + " stores energy: give --capacity-wh");
    }
    Chain chain = session.chain();
    var sender = session.sender();
    String data =
        chain
            .devices()
            .registerModel(
                BigInteger.valueOf(deviceClass.ordinal()),
                BigInteger.valueOf(powerW),
                BigInteger.valueOf(capacityWh),
                name)
            .encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().deviceRegistry(), data, "register model");
    var event = DeviceRegistry.getModelRegisteredEvents(outcome.receipt()).get(0);
    Map<String, Object> f = outcome.fields();
    f.put("model", event.modelId.longValueExact());
    f.put("name", name);
    f.put("class", deviceClass.name());
    session.out().fields(f);
  }
}
