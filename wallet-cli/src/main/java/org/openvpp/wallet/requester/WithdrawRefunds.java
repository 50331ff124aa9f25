package org.openvpp.wallet.requester;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;

/**
 * {@code request withdraw}: pays out what the coordinator credited the account (refunded escrow,
 * returned deposits, forfeits). Checked first: the contract's {@code NothingToWithdraw} shares its
 * name with the node registry's, so a revert would be explained with the wrong hint.
 */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description = {
      "Withdraw everything the coordinator owes you: escrow credited back by cancel, clear and",
      "release, returned bid deposits and forfeited deposits of unrevealed bids."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet request withdraw",
      "  vpp-wallet -a requester request withdraw --json"
    })
final class WithdrawRefunds extends WalletCommand {
  @Override
  protected void run(Session session) {
    Chain chain = session.chain();
    String self = session.account().address();
    BigInteger owed = Requests.owed(chain, self);
    if (owed.signum() == 0) {
      throw WalletException.notFound(
          "nothing to withdraw: the coordinator owes "
              + self
              + " nothing (refunds are credited by `request cancel`, `clear` and `release`)");
    }
    TxOutcome outcome = Requests.send(session, c -> c.withdraw(), "withdraw refunds");
    Map<String, Object> f = outcome.fields();
    f.put("withdrawn", Amounts.format(owed));
    f.put("balance", Amounts.format(chain.read(() -> chain.token().balanceOf(self).send())));
    session.out().fields(f);
  }
}
