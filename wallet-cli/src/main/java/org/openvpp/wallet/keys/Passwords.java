package org.openvpp.wallet.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.openvpp.wallet.cli.WalletException;

/**
 * Where a wallet password comes from, first match wins: the password file ({@code --password-file},
 * its line end dropped), the environment variable, the terminal prompt (no echo). Passwords are
 * {@code char[]} so callers can wipe them; they are never printed or logged.
 */
public final class Passwords {
  public static final String ENV = "VPP_WALLET_PASSWORD";

  private final Optional<Path> file;
  private final Map<String, String> env;
  private final PasswordPrompt prompt;

  public Passwords(Optional<Path> file, Map<String, String> env, PasswordPrompt prompt) {
    this.file = file;
    this.env = env;
    this.prompt = prompt;
  }

  /** The password that unlocks an existing wallet. */
  public char[] existing(String what) {
    return fromFileOrEnv(file, ENV)
        .or(() -> prompt.ask("Password for " + what + ": "))
        .orElseThrow(() -> missing(what, "--password-file FILE", ENV));
  }

  /** A new password; asked twice at a terminal so a typo cannot lock the key away. */
  public char[] fresh(String what) {
    Optional<char[]> given = fromFileOrEnv(file, ENV);
    if (given.isPresent()) {
      return nonEmpty(given.get());
    }
    char[] first =
        prompt
            .ask("New password for " + what + ": ")
            .orElseThrow(() -> missing(what, "--password-file FILE", ENV));
    char[] again = prompt.ask("Repeat the password: ").orElse(new char[0]);
    boolean same = Arrays.equals(first, again);
    Arrays.fill(again, '\0');
    if (!same) {
      Arrays.fill(first, '\0');
      throw WalletException.usage("the two passwords differ: run the command again");
    }
    return nonEmpty(first);
  }

  /** A second secret source, e.g. a device key file's password in {@code device bind}. */
  public char[] other(String what, Optional<Path> otherFile, String otherEnv, String option) {
    return fromFileOrEnv(otherFile, otherEnv)
        .or(() -> prompt.ask("Password for " + what + ": "))
        .orElseThrow(() -> missing(what, option + " FILE", otherEnv));
  }

  private Optional<char[]> fromFileOrEnv(Optional<Path> passwordFile, String envName) {
    if (passwordFile.isPresent()) {
      return Optional.of(read(passwordFile.get()));
    }
    return Optional.ofNullable(env.get(envName)).map(String::toCharArray);
  }

  private static char[] read(Path path) {
    try {
      String s = Files.readString(path, StandardCharsets.UTF_8);
      // Only the line end goes: spaces may be part of a password.
      s = s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s;
      s = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      return s.toCharArray();
    } catch (IOException e) {
      throw WalletException.usage("cannot read the password file " + path + ": check the path");
    }
  }

  private static char[] nonEmpty(char[] password) {
    if (password.length == 0) {
      throw WalletException.usage("the password is empty: choose a password");
    }
    return password;
  }

  private static WalletException missing(String what, String option, String envName) {
    return WalletException.usage(
        what
            + " needs a password: give "
            + option
            + ", set "
            + envName
            + ", or run in a terminal to be asked");
  }
}
