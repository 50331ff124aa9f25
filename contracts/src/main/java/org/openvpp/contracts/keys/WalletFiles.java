package org.openvpp.contracts.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * Keys at rest: Web3j wallet files (scrypt-encrypted JSON keystores) unlocked with a password from
 * a file or an environment variable, never from an argument. Error messages name the files and what
 * to do, never the password or the key.
 */
public final class WalletFiles {
  private WalletFiles() {}

  /**
   * Unlocks {@code walletFile}. The password comes from {@code passwordFile} (its trailing line end
   * removed, nothing else: spaces may be part of a password) or else from the environment variable
   * {@code passwordEnv}.
   *
   * @param passwordOption how the user names the password file, for the error message
   * @throws IllegalArgumentException with a message a user can act on
   */
  public static Credentials unlock(
      Path walletFile,
      Optional<Path> passwordFile,
      Map<String, String> env,
      String passwordEnv,
      String passwordOption) {
    String password = password(walletFile, passwordFile, env, passwordEnv, passwordOption);
    try {
      return WalletUtils.loadCredentials(password, walletFile.toFile());
    } catch (CipherException e) {
      throw new IllegalArgumentException("cannot unlock " + walletFile + ": wrong password?", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read "
              + walletFile
              + " as a Web3j wallet file (create one with Web3j's WalletUtils;"
              + " plain hex keys are not accepted)",
          e);
    }
  }

  /**
   * The password for {@code walletFile}: the password file's content (one trailing newline
   * dropped), else the environment variable.
   *
   * @throws IllegalArgumentException naming both sources when neither is set
   */
  public static String password(
      Path walletFile,
      Optional<Path> passwordFile,
      Map<String, String> env,
      String passwordEnv,
      String passwordOption) {
    return passwordFile
        .map(WalletFiles::readPasswordFile)
        .or(() -> Optional.ofNullable(env.get(passwordEnv)))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    walletFile + " is encrypted: set " + passwordOption + " or " + passwordEnv));
  }

  /**
   * The content of a password file with one trailing line end ({@code \n} or {@code \r\n}) removed,
   * nothing else: spaces may be part of a password.
   *
   * @throws IllegalArgumentException naming the file (never its content) when it cannot be read
   */
  public static String readPasswordFile(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return s.endsWith("\r\n")
          ? s.substring(0, s.length() - 2)
          : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the password file " + file, e);
    }
  }
}
