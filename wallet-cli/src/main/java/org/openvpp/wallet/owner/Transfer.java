package org.openvpp.wallet.owner;

import java.math.BigInteger;
import java.util.Map;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxOutcome;
import org.openvpp.wallet.chain.TxSender;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code token transfer TO AMOUNT}: sends FLEX, after checking the balance covers it. */
@Command(
    name = "transfer",
    mixinStandardHelpOptions = true,
    description = "Send FLEX to an address or account (amount in FLEX, e.g. 12.5).",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet token transfer 0x90f79bf6eb2c4f870365e785982e1f101e93b906 12.5",
      "  vpp-wallet --account owner token transfer operator 100 --json"
    })
final class Transfer extends WalletCommand {
  @Parameters(index = "0", paramLabel = "TO", description = "address or account name")
  String to;

  @Parameters(index = "1", paramLabel = "AMOUNT", description = "FLEX, e.g. 12.5")
  String amount;

  @Override
  protected void run(Session session) {
    String recipient = session.address(to, "recipient address");
    BigInteger value = Amounts.parse(amount, "amount");
    String self = session.account().address();
    Chain chain = session.chain();
    BigInteger balance = chain.read(() -> chain.token().balanceOf(self).send());
    if (balance.compareTo(value) < 0) {
      throw WalletException.insufficient(
          "insufficient FLEX: "
              + self
              + " has "
              + Amounts.format(balance)
              + ", the transfer needs "
              + Amounts.format(value));
    }
    TxSender sender = session.sender();
    String data = chain.token().transfer(recipient, value).encodeFunctionCall();
    TxOutcome outcome = sender.send(chain.deployment().flexToken(), data, "transfer");
    Map<String, Object> f = outcome.fields();
    f.put("from", self);
    f.put("to", recipient);
    f.put("flex", Amounts.format(value));
    session.out().fields(f);
  }
}
