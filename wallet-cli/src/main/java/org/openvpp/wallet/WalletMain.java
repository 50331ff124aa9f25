package org.openvpp.wallet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openvpp.wallet.account.AccountCommands;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.Flags;
import org.openvpp.wallet.cli.WalletException;
import org.openvpp.wallet.keys.PasswordPrompt;
import org.openvpp.wallet.oem.OemCommands;
import org.openvpp.wallet.operator.NodeCommands;
import org.openvpp.wallet.owner.DeviceCommands;
import org.openvpp.wallet.owner.TokenCommands;
import org.openvpp.wallet.requester.RequestCommands;
import org.openvpp.wallet.rewards.RewardCommands;
import org.openvpp.wallet.session.SessionFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code vpp-wallet}: the root command. It holds the global options (accepted before or after any
 * subcommand) and the process environment; each command group is its own class, so new groups
 * ({@code request}, {@code rewards}) are one line in {@code subcommands} below.
 */
@Command(
    name = "vpp-wallet",
    mixinStandardHelpOptions = true,
    versionProvider = WalletMain.Version.class,
    description = {
      "The open-VPP wallet for device owners, OEMs, requesters and node operators: accounts in",
      "encrypted wallet files, FLEX, device identities, OEM batches, node stake, flexibility",
      "requests and reward claims."
    },
    subcommands = {
      AccountCommands.class,
      TokenCommands.class,
      DeviceCommands.class,
      OemCommands.class,
      NodeCommands.class,
      RequestCommands.class,
      RewardCommands.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Settings: flag > VPP_WALLET_* environment > config file > default. Config file:",
      "$VPP_WALLET_HOME/config.properties (home default ~/.config/vpp-wallet), keys: rpc,",
      "deployment, account, keystore, password-file, receipt-timeout.",
      "Passwords: --password-file, VPP_WALLET_PASSWORD, or a prompt without echo.",
      "",
      "Examples:",
      "  vpp-wallet account create alice",
      "  vpp-wallet --deployment .testnet/deployment.json token balance",
      "  vpp-wallet device list --json",
      "  source <(vpp-wallet generate-completion)"
    })
public final class WalletMain implements Runnable, SessionFactory {

  @Option(
      names = "--rpc",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "JSON-RPC endpoint (env VPP_WALLET_RPC, config rpc; default http://127.0.0.1:8545)")
  String rpc;

  @Option(
      names = "--deployment",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "deployment JSON of the network (env VPP_WALLET_DEPLOYMENT, config deployment)")
  Path deployment;

  @Option(
      names = {"-a", "--account"},
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "account (name or address) to act as (env VPP_WALLET_ACCOUNT, config account)")
  String account;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "config file (default $VPP_WALLET_HOME/config.properties)")
  Path config;

  @Option(
      names = "--password-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "file holding the account password (env VPP_WALLET_PASSWORD_FILE)")
  Path passwordFile;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON instead of tables")
  boolean json;

  private final Map<String, String> env;
  private final PasswordPrompt prompt;
  private final Path userHome;

  public WalletMain(Map<String, String> env, PasswordPrompt prompt, Path userHome) {
    this.env = Map.copyOf(env);
    this.prompt = prompt;
    this.userHome = userHome;
  }

  public static void main(String[] args) {
    WalletMain main =
        new WalletMain(
            System.getenv(), PasswordPrompt.console(), Path.of(System.getProperty("user.home")));
    System.exit(main.commandLine().execute(args));
  }

  /** The configured command tree: error handling, exit codes and help on every command. */
  public CommandLine commandLine() {
    // Account names may equal command names ("--account oem oem models").
    CommandLine cl =
        new CommandLine(this)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setAllowSubcommandsAsOptionParameters(true);
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    Map<String, String> codes = new LinkedHashMap<>();
    for (String line : ExitCode.helpList()) {
      int colon = line.indexOf(':');
      codes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    applyToAll(cl, codes);
    // Help text is written in lines of up to ~95 characters; 80 would break them mid-sentence.
    cl.setUsageHelpWidth(100);
    cl.setExecutionExceptionHandler(WalletMain::onFailure);
    cl.setParameterExceptionHandler(WalletMain::onBadUsage);
    return cl;
  }

  private static void applyToAll(CommandLine cl, Map<String, String> codes) {
    cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    cl.getSubcommands().values().forEach(sub -> applyToAll(sub, codes));
  }

  private static int onFailure(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    if (e instanceof WalletException w) {
      err.println("error: " + w.getMessage());
      err.flush();
      return w.exitCode().code();
    }
    err.println(
        "error: unexpected "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
            + " (a bug: please report it with the command you ran)");
    err.flush();
    return ExitCode.INTERNAL.code();
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(
        "error: " + e.getMessage() + " (see `" + cl.getCommandSpec().qualifiedName() + " --help`)");
    err.flush();
    return ExitCode.USAGE.code();
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "give a command, e.g. `vpp-wallet account list`");
  }

  @Override
  public Flags flags() {
    return new Flags(
        Optional.ofNullable(rpc),
        Optional.ofNullable(deployment),
        Optional.ofNullable(account),
        Optional.ofNullable(config),
        Optional.ofNullable(passwordFile),
        json);
  }

  @Override
  public Map<String, String> env() {
    return env;
  }

  @Override
  public PasswordPrompt prompt() {
    return prompt;
  }

  @Override
  public Path userHome() {
    return userHome;
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = WalletMain.class.getPackage().getImplementationVersion();
      return new String[] {"vpp-wallet " + (v == null ? "development" : v)};
    }
  }
}
