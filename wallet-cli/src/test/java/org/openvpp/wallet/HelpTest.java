package org.openvpp.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.wallet.keys.PasswordPrompt;
import org.openvpp.wallet.testing.WalletCli;
import org.openvpp.wallet.testing.WalletCli.Result;
import picocli.CommandLine;

class HelpTest {
  @TempDir Path home;

  private static List<CommandLine> allCommands(CommandLine cl) {
    List<CommandLine> all = new ArrayList<>();
    all.add(cl);
    cl.getSubcommands().values().stream().distinct().forEach(sub -> all.addAll(allCommands(sub)));
    return all;
  }

  @Test
  void everyCommandHasHelpWithExamplesAndTheExitCodes() {
    CommandLine root = new WalletMain(Map.of(), PasswordPrompt.none(), home).commandLine();
    List<CommandLine> commands = allCommands(root);
    assertThat(commands).hasSizeGreaterThan(30);
    for (CommandLine c : commands) {
      String name = c.getCommandSpec().qualifiedName();
      if (name.endsWith(" help") || name.endsWith("generate-completion")) {
        continue;
      }
      String usage = c.getUsageMessage();
      assertThat(usage)
          .as(name)
          .contains("Examples:")
          .contains("Exit codes:")
          .contains("3    wrong password");
    }
  }

  @Test
  void helpRunsWithExitZero() {
    WalletCli cli = new WalletCli(home);
    Result r = cli.run("node", "stake", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: vpp-wallet node stake");
  }

  @Test
  void generatesABashCompletionScriptForTheWholeTree() {
    Result r = new WalletCli(home).run("generate-completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F").contains("vpp-wallet").contains("certify-batch");
  }

  @Test
  void badUsageIsOneLineAndExitTwo() {
    WalletCli cli = new WalletCli(home);
    Result unknownOption = cli.run("token", "balance", "--frobnicate");
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.err().lines()).hasSize(1);
    assertThat(unknownOption.err())
        .contains("--frobnicate")
        .contains("vpp-wallet token balance --help");
    assertThat(cli.run().code()).isEqualTo(2);
    assertThat(
            cli.run("oem", "register-model", "--class", "TOASTER", "--power-w", "1", "--name", "x")
                .code())
        .isEqualTo(2);
  }
}
