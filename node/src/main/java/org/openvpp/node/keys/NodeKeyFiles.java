package org.openvpp.node.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.openvpp.contracts.keys.WalletFiles;
import org.openvpp.node.config.ConfigKeys;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PrivateKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * The node's keys at rest: both in Web3j wallet files (scrypt + AES-128-CTR), owner-only, under one
 * password from {@code keys.password-file} or {@code VPP_NODE_KEY_PASSWORD}. Decryption costs
 * scrypt's work on purpose: call it from a worker thread, never an event loop.
 */
public final class NodeKeyFiles {
  private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

  private NodeKeyFiles() {}

  /** What {@code vpp node init} created (public parts only). */
  public record Created(String chainAddress, String peerId) {}

  /**
   * Creates both keys. Refuses, and writes nothing, when either file exists: a key is never
   * overwritten (it may hold stake or be known to peers).
   *
   * @throws KeyFileException naming the existing file
   */
  public static Created create(NodeConfig.Keys files, char[] password) {
    for (Path f : new Path[] {files.chainKeyFile(), files.p2pKeyFile()}) {
      if (Files.exists(f)) {
        throw new KeyFileException(
            f + " exists already: keys are never overwritten (move it away to make new keys)");
      }
    }
    if (password.length == 0) {
      throw new KeyFileException("the password is empty: choose a password");
    }
    ECKeyPair chainKey = newChainKey();
    PrivateKey identity = Ed25519Keys.generate();
    byte[] chainSecret = Numeric.toBytesPadded(chainKey.getPrivateKey(), 32);
    byte[] seed = Arrays.copyOf(identity.raw(), 32);
    try {
      // One salt for both files: opening them at start costs one scrypt run (SharedSaltWallets).
      // The identity file carries no address: a seed's secp256k1 address is not an account.
      List<WalletFile> wallets =
          SharedSaltWallets.encrypt(
              password, List.of(chainSecret, seed), Arrays.asList(Keys.getAddress(chainKey), null));
      write(files.chainKeyFile(), JSON.writeValueAsBytes(wallets.get(0)));
      write(
          files.p2pKeyFile(),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(wallets.get(1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Arrays.fill(chainSecret, (byte) 0);
      Arrays.fill(seed, (byte) 0);
    }
    NodeKeys keys = new NodeKeys(Credentials.create(chainKey), identity);
    return new Created(keys.chainAddress(), keys.peerId().toBase58());
  }

  /**
   * Decrypts both keys with the configured password. Files written by {@code vpp node init} share
   * one scrypt salt, so one derivation (256 MiB, about 1.4 s of one core) opens both; files with
   * different salts (written before, or by other tools) are decrypted side by side, so the start
   * waits for the slower one rather than both in turn.
   *
   * @throws KeyFileException with a message naming the file and what to do
   */
  public static NodeKeys unlock(NodeConfig.Keys files, Map<String, String> env) {
    WalletFile chainFile = read(files.chainKeyFile());
    WalletFile identityFile = read(files.p2pKeyFile());
    if (!SharedSaltWallets.shareOneDerivation(List.of(chainFile, identityFile))) {
      return unlockSideBySide(files, env);
    }
    String password;
    try {
      password =
          WalletFiles.password(
              files.chainKeyFile(),
              files.passwordFile(),
              env,
              ConfigKeys.PASSWORD_ENV,
              ConfigKeys.KEYS_PASSWORD_FILE);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(e.getMessage());
    }
    List<byte[]> secrets;
    try {
      secrets = SharedSaltWallets.decrypt(password, List.of(chainFile, identityFile));
    } catch (CipherException e) {
      throw new KeyFileException(
          "cannot unlock " + files.chainKeyFile() + ": wrong password? (" + e.getMessage() + ")");
    }
    try {
      Credentials chain = Credentials.create(ECKeyPair.create(secrets.get(0)));
      if (chainFile.getAddress() != null
          && !Numeric.cleanHexPrefix(chain.getAddress())
              .equalsIgnoreCase(Numeric.cleanHexPrefix(chainFile.getAddress()))) {
        throw new KeyFileException(
            files.chainKeyFile() + " holds a key whose address differs from its address field");
      }
      return new NodeKeys(chain, Ed25519Keys.fromSeed(secrets.get(1)));
    } finally {
      secrets.forEach(b -> Arrays.fill(b, (byte) 0));
    }
  }

  private static WalletFile read(Path file) {
    try {
      return JSON.readValue(file.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new KeyFileException(
          "cannot read "
              + file
              + " as a Web3j wallet file (create the keys with `vpp node init`): "
              + e.getMessage());
    }
  }

  private static NodeKeys unlockSideBySide(NodeConfig.Keys files, Map<String, String> env) {
    FutureTask<Credentials> identity =
        new FutureTask<>(() -> unlockOne(files.p2pKeyFile(), files, env));
    Thread second = new Thread(identity, "p2p-key-unlock");
    second.setDaemon(true);
    second.start();
    Credentials chain;
    try {
      chain = unlockOne(files.chainKeyFile(), files, env);
    } finally {
      awaitQuietly(identity); // never leave the other decryption running behind a failure
    }
    return new NodeKeys(chain, IdentityWallet.fromUnlocked(result(identity)));
  }

  private static void awaitQuietly(FutureTask<Credentials> task) {
    try {
      task.get();
    } catch (ExecutionException e) {
      // reported by result()
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Credentials result(FutureTask<Credentials> task) {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyFileException("interrupted while decrypting the p2p identity key");
    }
  }

  private static Credentials unlockOne(Path file, NodeConfig.Keys files, Map<String, String> env) {
    try {
      return WalletFiles.unlock(
          file, files.passwordFile(), env, ConfigKeys.PASSWORD_ENV, ConfigKeys.KEYS_PASSWORD_FILE);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(e.getMessage());
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      OwnerOnlyFiles.writeNew(file, content);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file + " appeared while writing: nothing was overwritten");
    }
  }

  private static ECKeyPair newChainKey() {
    try {
      return Keys.createEcKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no secure random key generator", e);
    }
  }
}
