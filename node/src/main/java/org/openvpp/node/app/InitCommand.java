package org.openvpp.node.app;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openvpp.node.config.ConfigException;
import org.openvpp.node.config.ConfigKeys;
import org.openvpp.node.config.ConfigLoader;
import org.openvpp.node.config.ConfigTemplate;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.keys.KeyFileException;
import org.openvpp.node.keys.NodeKeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vpp node init}: writes a commented config file and creates the node's keys, both encrypted
 * under one password (keys.password-file, VPP_NODE_KEY_PASSWORD, or asked twice at the terminal).
 * Never overwrites a config file or a key.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented config file and create the node's keys: the chain key and the libp2p",
      "identity, each an encrypted Web3j wallet file readable by the owner only.",
      "Flags given here are written into the config file."
    },
    footer = {
      "",
      "Examples:",
      "  ./vpp node init                              (asks for the password twice)",
      "  ./vpp node init --keys-password-file ~/.secrets/node --p2p-listen /ip4/0.0.0.0/tcp/4002"
    })
public final class InitCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "where to write the config (env VPP_NODE_CONFIG, default data/node/node.yaml)")
  Path config;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public InitCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path target = ConfigLoader.configFile(Optional.ofNullable(config), env).path();
    try {
      if (Files.exists(target)) {
        throw new KeyFileException(
            target + " exists already: init never overwrites; edit it, or move it away");
      }
      // The config being written does not exist yet: read flags and environment over defaults.
      NodeConfig nodeConfig =
          ConfigLoader.load(new ConfigLoader.FileChoice(target, false), env, KeyFlags.given(spec));
      char[] password = password(nodeConfig);
      NodeKeyFiles.Created keys;
      try {
        keys = NodeKeyFiles.create(nodeConfig.keys(), password);
      } finally {
        Arrays.fill(password, '\0');
      }
      writeConfig(target, ConfigTemplate.render(nodeConfig));
      out.println("config     " + target.toAbsolutePath());
      out.println(
          "chain key  " + nodeConfig.keys().chainKeyFile() + "  address " + keys.chainAddress());
      out.println("p2p key    " + nodeConfig.keys().p2pKeyFile() + "  peer id " + keys.peerId());
      out.println();
      out.println("Next: fund the address, then start the node with ./vpp node --config " + target);
      if (nodeConfig.keys().passwordFile().isEmpty()) {
        out.println(
            "The node reads the keys' password from "
                + ConfigKeys.PASSWORD_ENV
                + " (or set keys.password-file in the config).");
      }
      out.flush();
      return ExitCodes.OK;
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println("error: " + p.message()));
    } catch (KeyFileException e) {
      err.println("error: " + e.getMessage());
    }
    err.flush();
    return ExitCodes.CONFIG;
  }

  private char[] password(NodeConfig c) {
    if (c.keys().passwordFile().isPresent()) {
      Path f = c.keys().passwordFile().get();
      try {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        s = s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s;
        s = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return s.toCharArray();
      } catch (IOException e) {
        throw ConfigException.of(
            ConfigKeys.KEYS_PASSWORD_FILE, "", "unreadable file: " + f + " cannot be read");
      }
    }
    String fromEnv = env.get(ConfigKeys.PASSWORD_ENV);
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw ConfigException.of(
          ConfigKeys.KEYS_PASSWORD_FILE,
          "",
          "missing: the keys need a password: set "
              + ConfigKeys.KEYS_PASSWORD_FILE
              + " or "
              + ConfigKeys.PASSWORD_ENV
              + ", or run in a terminal to be asked");
    }
    char[] first = console.readPassword("New password for the node's keys: ");
    char[] again = console.readPassword("Repeat the password: ");
    boolean same = Arrays.equals(first, again);
    Arrays.fill(again, '\0');
    if (!same) {
      Arrays.fill(first, '\0');
      throw new KeyFileException("the two passwords differ: run init again");
    }
    return first;
  }

  /** Owner-only like the keys: a PostgreSQL URL in it may carry a password. */
  private static void writeConfig(Path target, String text) {
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(
          target, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
      if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(target + " appeared while init ran: it was not overwritten");
    } catch (IOException e) {
      throw new KeyFileException("cannot write " + target + ": " + e.getMessage());
    }
  }
}
