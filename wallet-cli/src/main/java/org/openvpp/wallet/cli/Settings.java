package org.openvpp.wallet.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The effective settings of one run. Each comes from, in order: the command-line flag, the {@code
 * VPP_WALLET_*} environment variable, the config file ({@code $VPP_WALLET_HOME/config.properties},
 * home defaulting to {@code ~/.config/vpp-wallet}), the default.
 *
 * @param receiptTimeout how long a sent transaction is waited for before giving up (exit 8)
 */
public record Settings(
    Path home,
    Path configFile,
    Path keystore,
    String rpc,
    Optional<Path> deployment,
    Optional<String> account,
    Optional<Path> passwordFile,
    Duration receiptTimeout) {

  public static final String DEFAULT_RPC = "http://127.0.0.1:8545";

  /** Every key the config file may hold; anything else is a typo and rejected. */
  public static final Set<String> KEYS =
      Set.of("rpc", "deployment", "account", "keystore", "password-file", "receipt-timeout");

  public static Settings resolve(Flags flags, Map<String, String> env, Path userHome) {
    Path home =
        Optional.ofNullable(env.get("VPP_WALLET_HOME"))
            .map(Path::of)
            .orElse(userHome.resolve(".config").resolve("vpp-wallet"));
    Path configFile = flags.config().orElse(home.resolve("config.properties"));
    Properties file = read(configFile, flags.config().isPresent());
    Path configDir = configFile.toAbsolutePath().getParent();
    Layer layer = new Layer(env, file, configDir);
    String rpc = flags.rpc().orElse(layer.text("VPP_WALLET_RPC", "rpc").orElse(DEFAULT_RPC));
    return new Settings(
        home,
        configFile,
        layer.path("VPP_WALLET_KEYSTORE", "keystore").orElse(home.resolve("keystore")),
        rpc,
        flags.deployment().or(() -> layer.path("VPP_WALLET_DEPLOYMENT", "deployment")),
        flags.account().or(() -> layer.text("VPP_WALLET_ACCOUNT", "account")),
        flags.passwordFile().or(() -> layer.path("VPP_WALLET_PASSWORD_FILE", "password-file")),
        Duration.ofSeconds(
            seconds(layer.text("VPP_WALLET_RECEIPT_TIMEOUT", "receipt-timeout").orElse("300"))));
  }

  private static long seconds(String text) {
    try {
      long s = Long.parseLong(text.trim());
      if (s > 0) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw WalletException.usage(
        "receipt-timeout must be a positive number of seconds, got '" + text + "'");
  }

  private static Properties read(Path file, boolean explicit) {
    Properties p = new Properties();
    if (!Files.isRegularFile(file)) {
      if (explicit) {
        throw WalletException.usage("config file " + file + " does not exist");
      }
      return p;
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw WalletException.usage("cannot read config file " + file + ": " + e.getMessage());
    }
    Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw WalletException.usage(
          "unknown key " + unknown + " in " + file + ": known keys are " + new TreeSet<>(KEYS));
    }
    return p;
  }

  /** Environment over file. Relative paths in the file are relative to the file's directory. */
  private record Layer(Map<String, String> env, Properties file, Path configDir) {
    Optional<String> text(String envName, String key) {
      String fromEnv = env.get(envName);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return Optional.of(fromEnv);
      }
      return Optional.ofNullable(file.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    Optional<Path> path(String envName, String key) {
      String fromEnv = env.get(envName);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return Optional.of(Path.of(fromEnv));
      }
      return Optional.ofNullable(file.getProperty(key))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(s -> configDir == null ? Path.of(s) : configDir.resolve(s));
    }
  }
}
