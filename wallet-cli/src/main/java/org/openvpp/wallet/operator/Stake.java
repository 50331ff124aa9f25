package org.openvpp.wallet.operator;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.wallet.chain.Allowances;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.chain.TxSender;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.cli.Zones;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code node stake AMOUNT}: registers the node (first time: peer id and zone needed) or adds to
 * its stake. The registry pulls FLEX with transferFrom, so an approve is sent first when the
 * allowance is short.
 */
@Command(
    name = "stake",
    mixinStandardHelpOptions = true,
    description = {
      "Stake FLEX: the first time this registers your node (needs --peer-id and --zone and at",
      "least the minimum stake), later it adds to the stake. Approves the registry first when",
      "needed (a second transaction)."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet node stake 1000 --peer-id 12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA \\",
      "      --zone zone-1",
      "  vpp-wallet node stake 250"
    })
final class Stake extends WalletCommand {
  @Parameters(paramLabel = "AMOUNT", description = "FLEX to stake, e.g. 1000")
  String amount;

  @Option(names = "--peer-id", paramLabel = "PEER_ID", description = "the node's libp2p peer id")
  Optional<String> peerId;

  @Option(names = "--zone", paramLabel = "ZONE", description = "grid zone name (or 0x bytes32)")
  Optional<String> zone;

  @Override
  protected void run(Session session) {
    BigInteger value = Amounts.parse(amount, "stake");
    Chain chain = session.chain();
    NodeRegistry nodes = chain.nodes();
    String self = session.account().address();
    boolean registered = chain.read(() -> nodes.getNode(self).send()).registered;
    String data = registered ? increase(nodes, value) : register(chain, nodes, value);
    BigInteger balance = chain.read(() -> chain.token().balanceOf(self).send());
    if (balance.compareTo(value) < 0) {
      throw WalletException.insufficient(
          "insufficient FLEX: "
              + self
              + " has "
              + Amounts.format(balance)
              + ", staking needs "
              + Amounts.format(value));
    }
    TxSender sender = session.sender();
    Allowances.approveIfNeeded(
        chain, sender, chain.deployment().nodeRegistry(), value, "the node registry");
    TxOutcome outcome =
        sender.send(
            chain.deployment().nodeRegistry(),
            data,
            registered ? "increase stake" : "register node");
    Map<String, Object> f = outcome.fields();
    f.put("node", self);
    f.put("staked", Amounts.format(value));
    f.put("stake", Amounts.format(chain.read(() -> nodes.stakeOf(self).send())));
    session.out().fields(f);
  }

  private String increase(NodeRegistry nodes, BigInteger value) {
    if (peerId.isPresent() || zone.isPresent()) {
      throw WalletException.usage(
          "the node is registered already: stake without --peer-id/--zone to add stake");
    }
    return nodes.increaseStake(value).encodeFunctionCall();
  }

  private String register(Chain chain, NodeRegistry nodes, BigInteger value) {
    if (peerId.isEmpty() || zone.isEmpty()) {
      throw WalletException.usage(
          "the node is not registered yet: give --peer-id and --zone with the first stake");
    }
    byte[] peer = PeerIds.parsePeerId(peerId.get());
    byte[] zoneId = Zones.parse(zone.get());
    BigInteger minimum = chain.read(() -> nodes.minimumStake().send());
    if (value.compareTo(minimum) < 0) {
      throw WalletException.usage(
          "the first stake must be at least the minimum stake of "
              + Amounts.format(minimum)
              + " FLEX, got "
              + Amounts.format(value));
    }
    return nodes.register(peer, zoneId, value).encodeFunctionCall();
  }
}
