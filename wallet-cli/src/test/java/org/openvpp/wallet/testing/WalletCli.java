package org.openvpp.wallet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openvpp.wallet.WalletMain;
import org.openvpp.wallet.keys.PasswordPrompt;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Wallet;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * Runs {@code vpp-wallet} commands in-process, exactly as the launcher would (same command tree,
 * same exception handlers), with a private home directory, an environment map, scripted prompt
 * answers and captured stdout/stderr.
 */
public final class WalletCli {
  public static final String PASSWORD = "correct horse battery staple";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final Map<String, String> env = new HashMap<>();
  private final Deque<String> promptAnswers = new ArrayDeque<>();
  private boolean terminal;

  public WalletCli(Path home) {
    this.home = home;
    env.put("VPP_WALLET_HOME", home.toString());
  }

  public Path home() {
    return home;
  }

  public Path keystore() {
    return home.resolve("keystore");
  }

  public WalletCli env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** Pretends a terminal is attached and queues what the user types at the prompts. */
  public WalletCli typing(String... answers) {
    terminal = true;
    promptAnswers.addAll(java.util.List.of(answers));
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PasswordPrompt prompt =
        p ->
            terminal
                ? Optional.ofNullable(promptAnswers.poll()).map(String::toCharArray)
                : Optional.empty();
    var cl = new WalletMain(env, prompt, home).commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Puts a key in the keystore directly, encrypted with Web3j's light scrypt parameters: tests
   * unlock accounts hundreds of times, and the commands read any scrypt parameters.
   */
  public String addAccount(String name, Credentials key) {
    try {
      Files.createDirectories(
          keystore(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file = keystore().resolve(name + ".json");
      ObjectMapperFactory.getObjectMapper()
          .writeValue(file.toFile(), Wallet.createLight(PASSWORD, key.getEcKeyPair()));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return key.getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Re-encrypts an account created by a command with light scrypt parameters (same key, same
   * password): after the commands that create wallets are tested as written, later steps unlock
   * faster. Standard scrypt costs seconds per unlock on a busy machine.
   */
  public void lighten(String name, String password) {
    try {
      Path file = keystore().resolve(name + ".json");
      var mapper = ObjectMapperFactory.getObjectMapper();
      var key =
          Wallet.decrypt(
              password, mapper.readValue(file.toFile(), org.web3j.crypto.WalletFile.class));
      mapper.writeValue(file.toFile(), Wallet.createLight(password, key));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What one command printed and returned. */
  public record Result(int code, String out, String err) {
    public JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
