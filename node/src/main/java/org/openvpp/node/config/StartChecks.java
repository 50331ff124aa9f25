package org.openvpp.node.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvpp.contracts.deploy.Deployment;

/**
 * What must hold on disk before the node starts: the deployment file is readable and matches {@code
 * chain.id}, the key files exist (made by {@code vpp node init}), a password source is set, and the
 * data directory is a directory. Problems name their key, like the value checks.
 */
public final class StartChecks {
  private StartChecks() {}

  /**
   * @return the deployment the node runs against
   * @throws ConfigException listing every problem
   */
  public static Deployment check(NodeConfig config, Map<String, String> env) {
    List<ConfigProblem> problems = new ArrayList<>();
    Deployment deployment = deployment(config, problems);
    keyFile(config, ConfigKeys.KEYS_CHAIN_KEY_FILE, config.keys().chainKeyFile(), problems);
    keyFile(config, ConfigKeys.KEYS_P2P_KEY_FILE, config.keys().p2pKeyFile(), problems);
    passwordSource(config, env, problems);
    NodeConfig.Credentials broker = config.broker().credentials();
    readableIfSet(config, ConfigKeys.BROKER_PASSWORD_FILE, broker.passwordFile(), problems);
    readableIfSet(config, ConfigKeys.BROKER_TLS_TRUSTSTORE, broker.truststore(), problems);
    readableIfSet(
        config,
        ConfigKeys.BROKER_TLS_TRUSTSTORE_PASSWORD_FILE,
        broker.truststorePasswordFile(),
        problems);
    if (Files.exists(config.dataDir()) && !Files.isDirectory(config.dataDir())) {
      problems.add(problem(config, ConfigKeys.DATA_DIR, config.dataDir() + " is not a directory"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return deployment;
  }

  private static Deployment deployment(NodeConfig config, List<ConfigProblem> problems) {
    Path file = config.chain().deploymentFile();
    if (!Files.isReadable(file)) {
      problems.add(
          problem(
              config,
              ConfigKeys.CHAIN_DEPLOYMENT_FILE,
              "unreadable file: "
                  + file
                  + (Files.exists(file) ? " cannot be read" : " does not exist")
                  + " (start ./vpp testnet, or point it at the network's deployment JSON)"));
      return null;
    }
    Deployment d;
    try {
      d = Deployment.read(file);
      d.deviceRegistry();
    } catch (RuntimeException e) {
      problems.add(
          problem(
              config,
              ConfigKeys.CHAIN_DEPLOYMENT_FILE,
              "unreadable file: " + file + " is not a deployment JSON: " + firstLine(e)));
      return null;
    }
    if (d.chainId() != config.chain().id()) {
      problems.add(
          problem(
              config,
              ConfigKeys.CHAIN_ID,
              "is "
                  + config.chain().id()
                  + " but the deployment file "
                  + file
                  + " is for chain "
                  + d.chainId()));
    }
    return d;
  }

  private static void keyFile(NodeConfig config, String key, Path file, List<ConfigProblem> out) {
    if (!Files.isReadable(file)) {
      out.add(
          problem(
              config,
              key,
              "unreadable file: "
                  + file
                  + (Files.exists(file) ? " cannot be read" : " does not exist")
                  + " (run `vpp node init` to create the node's keys)"));
    }
  }

  private static void readableIfSet(
      NodeConfig config, String key, java.util.Optional<Path> file, List<ConfigProblem> out) {
    if (file.isPresent() && !Files.isReadable(file.get())) {
      out.add(
          problem(
              config,
              key,
              "unreadable file: "
                  + file.get()
                  + (Files.exists(file.get()) ? " cannot be read" : " does not exist")));
    }
  }

  private static void passwordSource(
      NodeConfig config, Map<String, String> env, List<ConfigProblem> out) {
    if (config.keys().passwordFile().isPresent()) {
      Path f = config.keys().passwordFile().get();
      if (!Files.isReadable(f)) {
        out.add(
            problem(
                config,
                ConfigKeys.KEYS_PASSWORD_FILE,
                "unreadable file: "
                    + f
                    + (Files.exists(f) ? " cannot be read" : " does not exist")));
      }
    } else if (env.get(ConfigKeys.PASSWORD_ENV) == null) {
      out.add(
          problem(
              config,
              ConfigKeys.KEYS_PASSWORD_FILE,
              "missing: the keys are encrypted: set "
                  + ConfigKeys.KEYS_PASSWORD_FILE
                  + " or the environment variable "
                  + ConfigKeys.PASSWORD_ENV));
    }
  }

  private static ConfigProblem problem(NodeConfig config, String key, String reason) {
    RawValue v = config.effective().get(key);
    return new ConfigProblem(key, v == null ? "default" : v.source(), reason);
  }

  private static String firstLine(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse("");
  }
}
