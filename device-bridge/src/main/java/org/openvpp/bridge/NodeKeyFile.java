package org.openvpp.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * The node's signing key at rest: a Web3j wallet file (scrypt-encrypted JSON keystore), unlocked
 * with a password from a file or the {@code VPP_BRIDGE_NODE_KEY_PASSWORD} environment variable,
 * never from an argument. Neither the key nor the password is ever logged.
 */
public final class NodeKeyFile {
  static final String PASSWORD_ENV = "VPP_BRIDGE_NODE_KEY_PASSWORD";

  private NodeKeyFile() {}

  public static ECKeyPair load(
      Path walletFile, Optional<Path> passwordFile, Map<String, String> env) {
    String password = password(passwordFile, env);
    try {
      return WalletUtils.loadCredentials(password, walletFile.toFile()).getEcKeyPair();
    } catch (CipherException e) {
      throw new IllegalArgumentException(
          "cannot unlock the node key " + walletFile + ": wrong password?", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the node key "
              + walletFile
              + " as a Web3j wallet file (create one with vpp-wallet or Web3j's WalletUtils;"
              + " plain hex keys are not accepted)",
          e);
    }
  }

  private static String password(Optional<Path> passwordFile, Map<String, String> env) {
    if (passwordFile.isPresent()) {
      try {
        return stripLineEnd(Files.readString(passwordFile.get(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the node key password file " + passwordFile.get(), e);
      }
    }
    String fromEnv = env.get(PASSWORD_ENV);
    if (fromEnv == null) {
      throw new IllegalArgumentException(
          "the node key is encrypted: set bridge.node.key.password.file or " + PASSWORD_ENV);
    }
    return fromEnv;
  }

  private static String stripLineEnd(String s) {
    return s.endsWith("\r\n")
        ? s.substring(0, s.length() - 2)
        : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
