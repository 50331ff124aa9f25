package org.openvpp.wallet.session;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.wallet.chain.Chain;
import org.openvpp.wallet.chain.TxSender;
import org.openvpp.wallet.cli.Output;
import org.openvpp.wallet.cli.Progress;
import org.openvpp.wallet.cli.Settings;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.keys.Keystore;
import org.openvpp.wallet.keys.Passwords;
import org.web3j.crypto.Credentials;

/**
 * What one command run works with: its settings, its output streams, the keystore, and (opened on
 * first use, closed at the end) the checked connection to the chain. Commands get everything from
 * here, so tests drive them with a temporary home, an environment map and captured streams.
 */
public final class Session implements AutoCloseable {
  private final Settings settings;
  private final Map<String, String> env;
  private final Passwords passwords;
  private final Output output;
  private final Progress progress;
  private final Keystore keystore;
  private Chain chain;

  Session(
      Settings settings,
      Map<String, String> env,
      Passwords passwords,
      PrintWriter out,
      PrintWriter err,
      boolean json) {
    this.settings = settings;
    this.env = env;
    this.passwords = passwords;
    this.output = new Output(out, json);
    this.progress = new Progress(err);
    this.keystore = new Keystore(settings.keystore());
  }

  public Settings settings() {
    return settings;
  }

  public Map<String, String> env() {
    return env;
  }

  public Output out() {
    return output;
  }

  public Progress progress() {
    return progress;
  }

  public Keystore keystore() {
    return keystore;
  }

  public Passwords passwords() {
    return passwords;
  }

  /** The chain, verified against the deployment file on first use. */
  public Chain chain() {
    if (chain == null) {
      Path deployment =
          settings
              .deployment()
              .orElseThrow(
                  () ->
                      WalletException.usage(
                          "no deployment file: give --deployment FILE, set VPP_WALLET_DEPLOYMENT,"
                              + " or put deployment= in "
                              + settings.configFile()));
      chain = Chain.connect(settings.rpc(), deployment);
    }
    return chain;
  }

  /** The account commands act as: --account, else the configured one, else the only one. */
  public Keystore.Account account() {
    Optional<String> chosen = settings.account();
    if (chosen.isPresent()) {
      return keystore.get(chosen.get());
    }
    List<Keystore.Account> all = keystore.list();
    if (all.size() == 1) {
      return all.get(0);
    }
    throw WalletException.usage(
        all.isEmpty()
            ? "no account yet: create one with `vpp-wallet account create NAME` or import one"
            : "several accounts: choose one with --account NAME (or account= in "
                + settings.configFile()
                + ")");
  }

  /** Unlocks the acting account (password from file, environment or prompt). */
  public Credentials unlock() {
    return unlock(account());
  }

  /** Unlocks {@code account}, warning when its wallet file is readable by other users. */
  public Credentials unlock(Keystore.Account account) {
    if (Keystore.readableByOthers(account.file())) {
      progress.say(
          "warning: "
              + account.file()
              + " is readable by other users: chmod 600 "
              + account.file());
    }
    return keystore.unlock(account, passwords.existing("account '" + account.name() + "'"));
  }

  /** A sender of transactions signed by the acting account. */
  public TxSender sender() {
    Chain c = chain();
    return new TxSender(c, unlock(), progress, settings.receiptTimeout());
  }

  /**
   * An address given by the user: {@code 0x} and 40 hex digits, or the name of an account in the
   * keystore. Anything else is exit code 2 with what to give instead.
   */
  public String address(String text, String what) {
    if (text.matches("0x[0-9a-fA-F]{40}")) {
      return AbiWords.checkAddress(text);
    }
    if (text.startsWith("0x") || text.matches("[0-9a-fA-F]{40}")) {
      throw WalletException.usage(
          "malformed " + what + " '" + text + "': give 0x followed by 40 hex digits");
    }
    return keystore
        .find(text)
        .map(Keystore.Account::address)
        .orElseThrow(
            () ->
                WalletException.usage(
                    "malformed "
                        + what
                        + " '"
                        + text
                        + "': give 0x followed by 40 hex digits, or an account name from"
                        + " `vpp-wallet account list`"));
  }

  /** The given address, or the acting account's when none is given. */
  public String addressOrSelf(Optional<String> text, String what) {
    return text.map(t -> address(t, what)).orElseGet(() -> account().address());
  }

  @Override
  public void close() {
    if (chain != null) {
      chain.close();
    }
  }
}
