package org.openvpp.wallet.operator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code node status [WHO]}: registration, stake, unbonding and the registry's rules. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show a node's registration, stake, unbonding and open obligations (default: yours).",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet node status",
      "  vpp-wallet node status operator --json"
    })
final class NodeStatus extends WalletCommand {
  @Parameters(paramLabel = "WHO", arity = "0..1", description = "address or account name")
  Optional<String> who;

  @Override
  protected void run(Session session) {
    String address = session.addressOrSelf(who, "node address");
    Chain chain = session.chain();
    NodeRegistry nodes = chain.nodes();
    NodeRegistry.NodeInfo n = chain.read(() -> nodes.getNode(address).send());
    Map<String, Object> f = Output.record();
    f.put("node", address);
    f.put("registered", n.registered);
    f.put("active", chain.read(() -> nodes.isActive(address).send()));
    if (n.registered) {
      f.put("peerId", PeerIds.formatPeerId(n.peerId));
      f.put("zone", Numeric.toHexString(n.zone));
    }
    f.put("stake", Amounts.format(n.stake));
    f.put("unbonding", Amounts.format(n.unbonding));
    long release = n.unbondingReleaseAt.longValueExact();
    f.put("unbondingReleaseAt", release == 0 ? null : Instant.ofEpochSecond(release).toString());
    // Open obligations (unsettled awards, submissions or attestations not yet final) hold the
    // unbonding balance back: withdraw waits until they are 0.
    f.put("obligations", chain.read(() -> nodes.obligations(address).send()).longValueExact());
    f.put("minimumStake", Amounts.format(chain.read(() -> nodes.minimumStake().send())));
    f.put(
        "unbondingDelaySeconds", chain.read(() -> nodes.unbondingDelay().send()).longValueExact());
    session.out().fields(f);
  }
}
