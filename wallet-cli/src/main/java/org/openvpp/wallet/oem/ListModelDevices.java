package org.openvpp.wallet.oem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.owner.Devices;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oem devices --model ID}: every registered device of a model, from the events. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "List the registered devices of a model with their status and owner.",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem devices --model 0",
      "  vpp-wallet oem devices --model 0 --json"
    })
final class ListModelDevices extends WalletCommand {
  @Option(names = "--model", required = true, paramLabel = "ID")
  long modelId;

  @Override
  protected void run(Session session) {
    Chain chain = session.chain();
    Models.require(chain, modelId);
    String topic = "0x" + TypeEncoder.encode(new Uint32(modelId));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Log log :
        chain.logs(
            chain.deployment().deviceRegistry(),
            DeviceRegistry.DEVICEREGISTERED_EVENT,
            null,
            topic)) {
      var e = DeviceRegistry.getDeviceRegisteredEventFromLog(log);
      DeviceRegistry.Device d = chain.read(() -> chain.devices().getDevice(e.device).send());
      Map<String, Object> r = Output.record();
      r.put("device", e.device);
      r.put("status", Devices.status(d));
      r.put("owner", Devices.orNull(d.owner));
      r.put("serialHash", Numeric.toHexString(e.serialHash));
      rows.add(r);
    }
    session.out().table(List.of("device", "status", "owner", "serialHash"), rows);
  }
}
