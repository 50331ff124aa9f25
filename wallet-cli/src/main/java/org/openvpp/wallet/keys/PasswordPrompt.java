package org.openvpp.wallet.keys;

import java.io.Console;
import java.util.Optional;

/**
 * Asks the person at the terminal for a secret without echoing it. Empty when there is no terminal
 * (a script, a pipe, a test), so callers can say which non-interactive source to use instead.
 */
@FunctionalInterface
public interface PasswordPrompt {
  Optional<char[]> ask(String prompt);

  /** The JVM's console: {@link Console#readPassword} turns echo off while the user types. */
  static PasswordPrompt console() {
    return prompt -> {
      Console console = System.console();
      return console == null
          ? Optional.empty()
          : Optional.ofNullable(console.readPassword("%s", prompt));
    };
  }

  static PasswordPrompt none() {
    return prompt -> Optional.empty();
  }
}
