package org.openvpp.node.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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
import org.web3j.crypto.Wallet;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

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
    try {
      byte[] chainWallet =
          JSON.writeValueAsBytes(Wallet.createStandard(new String(password), chainKey));
      byte[] identityWallet = IdentityWallet.encrypt(identity, password);
      write(files.chainKeyFile(), chainWallet);
      write(files.p2pKeyFile(), identityWallet);
    } catch (CipherException e) {
      throw new IllegalStateException("cannot encrypt the chain key", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodeKeys keys = new NodeKeys(Credentials.create(chainKey), identity);
    return new Created(keys.chainAddress(), keys.peerId().toBase58());
  }

  /**
   * Decrypts both keys with the configured password, side by side: each is one scrypt run (256 MiB,
   * about 1.4 s of one core), and the start waits for the slower one rather than both in turn.
   *
   * @throws KeyFileException with a message naming the file and what to do
   */
  public static NodeKeys unlock(NodeConfig.Keys files, Map<String, String> env) {
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
