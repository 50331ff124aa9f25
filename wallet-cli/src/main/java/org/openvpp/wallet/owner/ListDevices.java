package org.openvpp.wallet.owner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.methods.response.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code device list}: the devices an account owns now. Candidates come from the {@code OwnerBound}
 * and {@code OwnershipTransferred} events naming the account; each is then checked against {@code
 * ownerOf}, so devices passed on since are not listed.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the devices an account owns (default: yours), from the registry's events.",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet device list",
      "  vpp-wallet device list --owner 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc --json"
    })
final class ListDevices extends WalletCommand {
  @Option(names = "--owner", paramLabel = "WHO", description = "address or account name")
  Optional<String> owner;

  @Override
  protected void run(Session session) {
    String who = session.addressOrSelf(owner, "owner address");
    Chain chain = session.chain();
    String registry = chain.deployment().deviceRegistry();
    String topic = "0x" + TypeEncoder.encode(new Address(who));
    Set<String> candidates = new LinkedHashSet<>();
    for (Log log : chain.logs(registry, DeviceRegistry.OWNERBOUND_EVENT, null, topic)) {
      candidates.add(DeviceRegistry.getOwnerBoundEventFromLog(log).device);
    }
    for (Log log :
        chain.logs(registry, DeviceRegistry.OWNERSHIPTRANSFERRED_EVENT, null, null, topic)) {
      candidates.add(DeviceRegistry.getOwnershipTransferredEventFromLog(log).device);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String device : candidates) {
      DeviceRegistry.Device d = chain.read(() -> chain.devices().getDevice(device).send());
      if (who.equalsIgnoreCase(d.owner)) {
        String pending = chain.read(() -> chain.devices().pendingOwnerOf(device).send());
        rows.add(Devices.row(device, d, pending, Devices.node(chain, device)));
      }
    }
    session
        .out()
        .table(
            List.of(
                "device",
                "status",
                "model",
                "class",
                "ratedPowerW",
                "capacityWh",
                "oem",
                "node",
                "pendingOwner"),
            rows);
  }
}
