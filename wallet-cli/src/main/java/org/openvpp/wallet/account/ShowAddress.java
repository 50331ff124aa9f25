package org.openvpp.wallet.account;

import java.util.Optional;
import org.openvpp.wallet.keys.Keystore;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code account address [NAME]}: just the address, for scripts and for pasting. */
@Command(
    name = "address",
    mixinStandardHelpOptions = true,
    description = "Print an account's address (the acting account when NAME is left out).",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet account address alice",
      "  OWNER=$(vpp-wallet account address owner)"
    })
final class ShowAddress extends WalletCommand {
  @Parameters(paramLabel = "NAME", arity = "0..1", description = "account name or address")
  Optional<String> name;

  @Override
  protected void run(Session session) {
    Keystore.Account account = name.map(session.keystore()::get).orElseGet(session::account);
    session.out().value("address", account.address());
  }
}
