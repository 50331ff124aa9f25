package org.openvpp.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.devchain.Anvil;
import org.openvpp.contracts.devchain.Toolchain;
import org.openvpp.contracts.testing.AnvilExtension;
import org.openvpp.contracts.testing.Await;
import org.openvpp.wallet.testing.WalletChain;
import org.openvpp.wallet.testing.WalletCli;
import org.web3j.crypto.Credentials;

/**
 * The real thing: {@code ./vpp-wallet} as a user runs it (the launcher script, a new JVM, the
 * packaged jar), and the interactive password prompt driven through a pseudo-terminal made by
 * util-linux {@code script}, which is what makes {@code System.console()} appear.
 */
@ExtendWith(AnvilExtension.class)
class LauncherIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Path launcher;

  @BeforeEach
  void findLauncher() {
    launcher = Toolchain.repositoryRoot().orElseThrow().resolve("vpp-wallet");
    assertThat(launcher).isExecutable();
  }

  private Process start(Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("VPP_WALLET_"));
    pb.environment().put("VPP_WALLET_HOME", dir.resolve("home").toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  private record Run(int code, String output) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    return runWithInput("", env, args);
  }

  private Run runWithInput(String stdin, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Process p = start(env, command);
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), output);
  }

  @Test
  void theLauncherRunsCommandsAndPassesTheirExitCodesOn(Anvil anvil) throws Exception {
    WalletChain w = new WalletChain(anvil, dir);
    Map<String, String> env =
        Map.of(
            "VPP_WALLET_HOME", w.cli.home().toString(),
            "VPP_WALLET_RPC", anvil.rpcUrl(),
            "VPP_WALLET_DEPLOYMENT", w.deploymentFile.toString(),
            "VPP_WALLET_PASSWORD", WalletCli.PASSWORD);

    Run version = run(env, "--version");
    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("vpp-wallet ");

    Run balance = run(env, "token", "balance", "owner", "--json");
    assertThat(balance.code()).as(balance.output()).isZero();
    assertThat(balance.output()).contains("\"flex\" : \"10000\"");

    Run transfer = run(env, "-a", "owner", "token", "transfer", "other", "1");
    assertThat(transfer.code()).as(transfer.output()).isZero();
    assertThat(transfer.output()).contains("transfer: sent 0x").contains("status       ok");

    String key = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
    Run imported =
        runWithInput(key + "\n", env, "account", "import", "piped", "--private-key-file", "-");
    assertThat(imported.code()).as(imported.output()).isZero();
    assertThat(imported.output())
        .contains(Credentials.create(key).getAddress())
        .doesNotContain(key.substring(2));

    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("VPP_WALLET_PASSWORD", "wrong");
    Run denied = run(wrong, "-a", "owner", "token", "transfer", "other", "1");
    assertThat(denied.code()).isEqualTo(3);
    assertThat(denied.output()).isEqualTo("error: wrong password for account 'owner'\n");
  }

  @Test
  void promptsForPasswordsWithoutEchoOnATerminal() throws Exception {
    String password = "pty-typed secret 42";
    Process create = start(Map.of(), script(launcher + " account create alice"));
    Screen screen = new Screen(create);
    screen.await("New password for new account 'alice': ");
    screen.type(password);
    screen.await("Repeat the password: ");
    screen.type(password);
    assertThat(create.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(create.exitValue()).as(screen.text()).isZero();
    assertThat(screen.text()).contains("name     alice").doesNotContain(password);
    String address =
        screen
            .text()
            .lines()
            .filter(l -> l.startsWith("address"))
            .findFirst()
            .orElseThrow()
            .split("\\s+")[1];

    Process export =
        start(Map.of(), script(launcher + " account export alice --reveal-private-key"));
    Screen exportScreen = new Screen(export);
    exportScreen.await("Password for account 'alice': ");
    exportScreen.type(password);
    assertThat(export.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(export.exitValue()).as(exportScreen.text()).isZero();
    assertThat(exportScreen.text()).doesNotContain(password);
    String key =
        exportScreen
            .text()
            .lines()
            .filter(l -> l.startsWith("0x"))
            .findFirst()
            .orElseThrow()
            .trim();
    assertThat(Credentials.create(key).getAddress()).isEqualTo(address);
    assertThat(Files.exists(dir.resolve("home/keystore/alice.json"))).isTrue();
  }

  /** util-linux script: runs the command on a new pseudo-terminal, -e passes its exit code. */
  private static List<String> script(String command) {
    return List.of("script", "-qfec", command, "/dev/null");
  }

  /** What the terminal shows, read as it comes, and a keyboard. */
  private static final class Screen {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final OutputStream keyboard;
    private int cursor;

    Screen(Process p) {
      keyboard = p.getOutputStream();
      InputStream in = p.getInputStream();
      Thread reader =
          new Thread(
              () -> {
                byte[] buf = new byte[4096];
                try {
                  for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (seen) {
                      seen.write(buf, 0, n);
                    }
                  }
                } catch (IOException ignored) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    String text() {
      synchronized (seen) {
        return seen.toString(StandardCharsets.UTF_8).replace("\r", "");
      }
    }

    /** Waits until {@code prompt} appears after everything awaited so far. */
    void await(String prompt) {
      int[] at = {-1};
      try {
        Await.until(
            TIMEOUT, () -> (at[0] = text().indexOf(prompt, cursor)) >= 0, "'" + prompt + "'");
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + ", screen: " + text(), e);
      }
      cursor = at[0] + prompt.length();
    }

    void type(String line) throws IOException {
      keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }
  }
}
