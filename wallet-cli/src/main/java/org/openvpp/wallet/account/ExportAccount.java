package org.openvpp.wallet.account;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.keys.Keystore;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code account export NAME}: the encrypted wallet file (safe to back up), or — only with an
 * explicit flag and the password — the raw private key.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print the account's encrypted wallet file (a backup that still needs the password).",
      "With --reveal-private-key, unlock it and print the raw private key: anyone who sees it",
      "owns the account."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet account export alice > alice-backup.json",
      "  vpp-wallet account export alice --reveal-private-key"
    })
final class ExportAccount extends WalletCommand {
  @Parameters(paramLabel = "NAME", arity = "0..1", description = "account name or address")
  Optional<String> name;

  @Option(
      names = "--reveal-private-key",
      description = "print the unencrypted private key (asks for the password)")
  boolean reveal;

  @Override
  protected void run(Session session) {
    Keystore.Account account = name.map(session.keystore()::get).orElseGet(session::account);
    if (!reveal) {
      try {
        session.out().value("wallet", Files.readString(account.file()).strip());
      } catch (IOException e) {
        throw WalletException.usage("cannot read " + account.file());
      }
      return;
    }
    Credentials c = session.unlock(account);
    session
        .out()
        .value(
            "privateKey",
            Numeric.toHexStringWithPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64));
  }
}
