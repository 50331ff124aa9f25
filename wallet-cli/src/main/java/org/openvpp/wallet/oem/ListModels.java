package org.openvpp.wallet.oem;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.generated.DeviceRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code oem models}: every model of the registry, or one OEM's. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List device models (all, or one OEM's with --oem).",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet oem models",
      "  vpp-wallet oem models --oem oem --json"
    })
final class ListModels extends WalletCommand {
  @Option(names = "--oem", paramLabel = "WHO", description = "only this OEM's models")
  Optional<String> oem;

  @Override
  protected void run(Session session) {
    Optional<String> filter = oem.map(o -> session.address(o, "OEM address"));
    Chain chain = session.chain();
    long count = chain.read(() -> chain.devices().modelCount().send()).longValueExact();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      long modelId = id;
      DeviceRegistry.Model m =
          chain.read(() -> chain.devices().getModel(BigInteger.valueOf(modelId)).send());
      if (filter.isEmpty() || filter.get().equalsIgnoreCase(m.oem)) {
        rows.add(Models.row(id, m));
      }
    }
    session
        .out()
        .table(List.of("model", "name", "class", "ratedPowerW", "capacityWh", "oem"), rows);
  }
}
