package org.openvpp.wallet.account;

import java.util.List;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import picocli.CommandLine.Command;

/** {@code account list}: names and addresses, read without any password. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the accounts in the keystore (no password needed).",
    footer = {"", "Examples:", "  vpp-wallet account list", "  vpp-wallet account list --json"})
final class ListAccounts extends WalletCommand {
  @Override
  protected void run(Session session) {
    session
        .out()
        .table(
            List.of("name", "address", "file"),
            session.keystore().list().stream().map(CreateAccount::describe).toList());
  }
}
