package org.openvpp.bridge;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.keys.WalletFiles;
import org.web3j.crypto.ECKeyPair;

/**
 * The node's signing key at rest: a Web3j wallet file unlocked with a password from {@code
 * bridge.node.key.password.file} or the {@code VPP_BRIDGE_NODE_KEY_PASSWORD} environment variable.
 * Neither the key nor the password is ever logged.
 */
public final class NodeKeyFile {
  static final String PASSWORD_ENV = "VPP_BRIDGE_NODE_KEY_PASSWORD";

  private NodeKeyFile() {}

  public static ECKeyPair load(
      Path walletFile, Optional<Path> passwordFile, Map<String, String> env) {
    return WalletFiles.unlock(
            walletFile, passwordFile, env, PASSWORD_ENV, "bridge.node.key.password.file")
        .getEcKeyPair();
  }
}
