package org.openvpp.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.node.app.DatabaseOpening;
import org.openvpp.node.app.ExitCodes;
import org.openvpp.node.app.InitCommand;
import org.openvpp.node.app.KeyFlags;
import org.openvpp.node.app.NodeParts;
import org.openvpp.node.app.NodeProcess;
import org.openvpp.node.app.StartupLog;
import org.openvpp.node.config.ConfigException;
import org.openvpp.node.config.ConfigLoader;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.config.StartChecks;
import org.openvpp.node.keys.KeyFileException;
import org.openvpp.node.keys.NodeKeyFiles;
import org.openvpp.node.keys.NodeKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vpp node}: the node daemon's entry point and composition root. It reads and checks the
 * configuration (exit 2 naming the bad key), unlocks the keys, then hands over to {@link
 * NodeProcess}, which deploys the parts of {@link NodeParts#standard()} on one Vert.x instance.
 */
@Command(
    name = "vpp node",
    mixinStandardHelpOptions = true,
    versionProvider = NodeMain.Version.class,
    description = {
      "Run the open-VPP node: p2p, device bridge (embedded MQTT broker by default) and, as they",
      "land, chain follower, transaction outbox and HTTP API. Runs until SIGTERM or Ctrl-C."
    },
    footer = {
      "",
      "Settings: flag > VPP_NODE_* environment variable > config file > default; every key is in",
      "node/README.md. Keys' password: keys.password-file or VPP_NODE_KEY_PASSWORD, never a flag.",
      "Exit codes: 0 stopped cleanly, 1 a part failed to start or stop, 2 bad configuration.",
      "",
      "Examples:",
      "  ./vpp node init",
      "  ./vpp node --config data/node/node.yaml",
      "  VPP_NODE_API_PORT=9090 java -jar node/target/vpp-node.jar"
    })
public final class NodeMain implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML config file (env VPP_NODE_CONFIG, default data/node/node.yaml if present)")
  Path config;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  NodeMain(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The command tree with one flag per config key on both commands. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new NodeMain(env));
    KeyFlags.addTo(cl.getCommandSpec());
    CommandLine init = new CommandLine(new InitCommand(env));
    KeyFlags.addTo(init.getCommandSpec());
    cl.addSubcommand("init", init);
    cl.setUsageHelpWidth(100);
    cl.setParameterExceptionHandler(NodeMain::onBadUsage);
    return cl;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    NodeConfig nodeConfig;
    Deployment deployment;
    NodeKeys keys;
    try {
      nodeConfig =
          ConfigLoader.load(
              ConfigLoader.configFile(Optional.ofNullable(config), env), env, KeyFlags.given(spec));
      StartupLog.config(nodeConfig);
      deployment = StartChecks.check(nodeConfig, env);
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println("error: " + p.message()));
      err.flush();
      return ExitCodes.CONFIG;
    }
    DatabaseOpening database = DatabaseOpening.begin(nodeConfig.databaseUrl());
    try {
      long t0 = System.nanoTime();
      keys = NodeKeyFiles.unlock(nodeConfig.keys(), env);
      StartupLog.keysUnlocked(keys, (System.nanoTime() - t0) / 1_000_000);
      // The two scrypt runs just used 2 x 256 MiB of heap, garbage now. A full collection lets
      // the JVM hand that memory back to the OS at once instead of keeping it for the node's
      // life (measured by ./vpp bench-node as resident memory).
      System.gc();
    } catch (ConfigException e) {
      database.discard();
      e.problems().forEach(p -> err.println("error: " + p.message()));
      err.flush();
      return ExitCodes.CONFIG;
    } catch (KeyFileException e) {
      database.discard();
      err.println("error: keys.password-file: " + e.getMessage());
      err.flush();
      return ExitCodes.CONFIG;
    }
    return new NodeProcess(nodeConfig, deployment, keys, database, NodeParts.standard()).run();
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    cl.getErr().println("error: " + e.getMessage() + " (see `" + cl.getCommandName() + " --help`)");
    cl.getErr().flush();
    return ExitCodes.CONFIG;
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = NodeMain.class.getPackage().getImplementationVersion();
      return new String[] {"vpp node " + (v == null ? "development" : v)};
    }
  }
}
