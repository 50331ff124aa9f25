package org.openvpp.wallet.account;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Map;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.keys.Keystore;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code account create NAME}: a fresh random key, encrypted under a new password. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a new account with a random key, encrypted under a new password.",
    footer = {
      "",
      "Examples:",
      "  vpp-wallet account create alice            (asks for the password twice)",
      "  vpp-wallet account create bot --password-file ~/.secrets/bot"
    })
final class CreateAccount extends WalletCommand {
  @Parameters(paramLabel = "NAME", description = "account name (letters, digits, . _ -)")
  String name;

  @Override
  protected void run(Session session) {
    char[] password = session.passwords().fresh("new account '" + name + "'");
    ECKeyPair key;
    try {
      key = Keys.createEcKeyPair();
    } catch (InvalidAlgorithmParameterException
        | NoSuchAlgorithmException
        | NoSuchProviderException e) {
      throw new IllegalStateException("no secure random key generator", e);
    }
    Keystore.Account account;
    try {
      account = session.keystore().add(name, key, password);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    session.out().fields(describe(account));
  }

  static Map<String, Object> describe(Keystore.Account account) {
    Map<String, Object> f = Output.record();
    f.put("name", account.name());
    f.put("address", account.address());
    f.put("file", account.file().toString());
    return f;
  }
}
