package org.openvpp.wallet.session;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.openvpp.wallet.cli.Flags;
import org.openvpp.wallet.cli.Settings;
import org.openvpp.wallet.keys.PasswordPrompt;
import org.openvpp.wallet.keys.Passwords;
import picocli.CommandLine;

/** Implemented by the root command, which holds the global flags and the process environment. */
public interface SessionFactory {
  Flags flags();

  Map<String, String> env();

  PasswordPrompt prompt();

  Path userHome();

  default Session openSession(CommandLine command) {
    Flags flags = flags();
    Settings settings = Settings.resolve(flags, env(), userHome());
    PrintWriter out = command.getOut();
    PrintWriter err = command.getErr();
    Passwords passwords = new Passwords(settings.passwordFile(), env(), prompt());
    return new Session(settings, env(), passwords, out, err, flags.json());
  }
}
