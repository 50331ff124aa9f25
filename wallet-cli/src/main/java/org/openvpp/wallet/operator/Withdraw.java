package org.openvpp.wallet.operator;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.contracts.generated.NodeRegistry;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;

/** {@code node withdraw}: pays out the unbonded FLEX once the delay has passed. */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description = "Withdraw your unbonded FLEX after the unbonding delay.",
    footer = {"", "Examples:", "  vpp-wallet node withdraw"})
final class Withdraw extends WalletCommand {
  @Override
  protected void run(Session session) {
    Chain chain = session.chain();
    NodeRegistry nodes = chain.nodes();
    String self = session.account().address();
    NodeRegistry.NodeInfo n = chain.read(() -> nodes.getNode(self).send());
    if (!n.registered) {
      throw WalletException.notFound(self + " is not a registered node: nothing to withdraw");
    }
    BigInteger amount = n.unbonding;
    var sender = session.sender();
    String data = nodes.withdraw().encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().nodeRegistry(), data, "withdraw");
    Map<String, Object> f = outcome.fields();
    f.put("withdrawn", Amounts.format(amount));
    session.out().fields(f);
  }
}
