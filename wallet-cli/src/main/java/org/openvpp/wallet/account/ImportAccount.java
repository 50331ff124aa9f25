package org.openvpp.wallet.account;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openvpp.contracts.devchain.DevAccounts;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.keys.Keystore;
import org.openvpp.wallet.session.Session;
import org.openvpp.wallet.session.WalletCommand;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code account import NAME}: an existing key, from a private key or a BIP-39 mnemonic. The secret
 * is read from a file or standard input ({@code -}), never from an argument, where it would land in
 * the shell history and the process list.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a key from a private-key file or a BIP-39 mnemonic file ('-' reads standard input),",
      "encrypted under a new password. Mnemonic keys follow m/44'/60'/0'/0/INDEX."
    },
    footer = {
      "",
      "Examples:",
      "  vpp-wallet account import alice --private-key-file alice.key",
      "  read -rs KEY && echo \"$KEY\" | vpp-wallet account import alice --private-key-file -",
      "  vpp-wallet account import oem --mnemonic-file words.txt --index 1"
    })
final class ImportAccount extends WalletCommand {
  @Parameters(paramLabel = "NAME", description = "account name (letters, digits, . _ -)")
  String name;

  @ArgGroup(multiplicity = "1")
  Source source;

  @Option(
      names = "--index",
      defaultValue = "0",
      description = "account index for a mnemonic (default ${DEFAULT-VALUE})")
  int index;

  static final class Source {
    @Option(names = "--private-key-file", paramLabel = "FILE", description = "hex private key")
    Path keyFile;

    @Option(names = "--mnemonic-file", paramLabel = "FILE", description = "BIP-39 words")
    Path mnemonicFile;
  }

  @Override
  protected void run(Session session) {
    ECKeyPair key = source.keyFile != null ? fromKey(source.keyFile) : fromMnemonic();
    char[] password = session.passwords().fresh("imported account '" + name + "'");
    Keystore.Account account;
    try {
      account = session.keystore().add(name, key, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    session.out().fields(CreateAccount.describe(account));
  }

  private static ECKeyPair fromKey(Path file) {
    String hex = readSecret(file, "private key").trim();
    if (!WalletUtils.isValidPrivateKey(hex)) {
      throw WalletException.usage(
          "the private key in " + shown(file) + " is malformed: expected 64 hex digits");
    }
    return ECKeyPair.create(Numeric.toBigInt(hex));
  }

  private ECKeyPair fromMnemonic() {
    String words =
        String.join(" ", readSecret(source.mnemonicFile, "mnemonic").trim().split("\\s+"));
    if (!MnemonicUtils.validateMnemonic(words)) {
      throw WalletException.usage(
          "the mnemonic in "
              + shown(source.mnemonicFile)
              + " is not valid BIP-39 (check the words)");
    }
    if (index < 0) {
      throw WalletException.usage("--index must be 0 or more");
    }
    return DevAccounts.derive(words, index).getEcKeyPair();
  }

  private static String readSecret(Path file, String what) {
    try {
      if (file.toString().equals("-")) {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw WalletException.usage("cannot read the " + what + " from " + shown(file));
    }
  }

  private static String shown(Path file) {
    return file.toString().equals("-") ? "standard input" : file.toString();
  }
}
