package org.openvpp.wallet.operator;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code node unstake AMOUNT}: starts unbonding; the FLEX is withdrawable after the delay. */
@Command(
    name = "unstake",
    mixinStandardHelpOptions = true,
    description = {
      "Start unbonding part of your stake (requestUnbond). Withdraw it with `node withdraw`",
      "after the unbonding delay; each request restarts the delay for the whole unbonding sum."
    },
    footer = {"", "Examples:", "  vpp-wallet node unstake 200"})
final class Unstake extends WalletCommand {
  @Parameters(paramLabel = "AMOUNT", description = "FLEX to unbond")
  String amount;

  @Override
  protected void run(Session session) {
    BigInteger value = Amounts.parse(amount, "amount");
    Chain chain = session.chain();
    NodeRegistry nodes = chain.nodes();
    String self = session.account().address();
    NodeRegistry.NodeInfo n = chain.read(() -> nodes.getNode(self).send());
    if (!n.registered) {
      throw WalletException.notFound(self + " is not a registered node: nothing to unstake");
    }
    if (n.stake.compareTo(value) < 0) {
      throw WalletException.insufficient(
          "insufficient stake: "
              + Amounts.format(n.stake)
              + " FLEX staked, asked to unbond "
              + amount);
    }
    var sender = session.sender();
    String data = nodes.requestUnbond(value).encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().nodeRegistry(), data, "unstake");
    NodeRegistry.NodeInfo after = chain.read(() -> nodes.getNode(self).send());
    Map<String, Object> f = outcome.fields();
    f.put("unbonding", Amounts.format(after.unbonding));
    f.put("stake", Amounts.format(after.stake));
    f.put(
        "withdrawableAt",
        Instant.ofEpochSecond(after.unbondingReleaseAt.longValueExact()).toString());
    session.out().fields(f);
  }
}
