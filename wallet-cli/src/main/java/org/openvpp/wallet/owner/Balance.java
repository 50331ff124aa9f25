package org.openvpp.wallet.owner;

import java.util.Map;
import java.util.Optional;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.cli.Amounts;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code token balance [WHO]}: ETH (pays gas) and FLEX of an address or account. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = "Show the ETH and FLEX balance of an account or address (default: yours).",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet token balance",
      "  vpp-wallet token balance operator --json",
      "  vpp-wallet token balance 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"
    })
final class Balance extends WalletCommand {
  @Parameters(paramLabel = "WHO", arity = "0..1", description = "address or account name")
  Optional<String> who;

  @Override
  protected void run(Session session) {
    String address = session.addressOrSelf(who, "address");
    Chain chain = session.chain();
    Map<String, Object> f = Output.record();
    f.put("address", address);
    f.put("eth", Amounts.format(chain.ethBalance(address)));
    f.put("flex", Amounts.format(chain.read(() -> chain.token().balanceOf(address).send())));
    session.out().fields(f);
  }
}
