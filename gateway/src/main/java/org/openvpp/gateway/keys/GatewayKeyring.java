package org.openvpp.gateway.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.Map;
import java.util.Optional;
import org.openvpp.contracts.keys.WalletFiles;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * The gateway's key directory: {@code gateway.json} (its own identity, certified by its OEM) and
 * {@code device-<localId>.json} per device behind it. All are Web3j wallet files under the one
 * password the operator gives by file ({@code gateway.keys.password-file}) or environment ({@code
 * VPP_GATEWAY_KEY_PASSWORD}). Decryption costs scrypt time: call from a worker thread at start,
 * never per message. Messages name files, never keys or passwords.
 */
public final class GatewayKeyring {
  public static final String PASSWORD_ENV = "VPP_GATEWAY_KEY_PASSWORD";
  public static final String PASSWORD_OPTION = "gateway.keys.password-file";
  public static final String GATEWAY_FILE = "gateway.json";

  private final Path dir;
  private final Optional<Path> passwordFile;
  private final Map<String, String> env;

  public GatewayKeyring(Path dir, Optional<Path> passwordFile, Map<String, String> env) {
    this.dir = dir;
    this.passwordFile = passwordFile;
    this.env = env;
  }

  /** The file holding the key of device {@code localId}. */
  public Path deviceFile(String localId) {
    if (!localId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "local id must be 1..64 of [A-Za-z0-9._-] (it names a key file): " + localId);
    }
    return dir.resolve("device-" + localId + ".json");
  }

  /** Unlocks the gateway's own identity. */
  public Credentials gateway() {
    return unlock(dir.resolve(GATEWAY_FILE));
  }

  /** Unlocks the key of device {@code localId}. */
  public Credentials device(String localId) {
    return unlock(deviceFile(localId));
  }

  private Credentials unlock(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          file + " does not exist: create the key with `vpp-gateway keys init` first");
    }
    return WalletFiles.unlock(file, passwordFile, env, PASSWORD_ENV, PASSWORD_OPTION);
  }

  /**
   * Creates a new key in {@code file} (owner-only), refusing to overwrite one: a device's key is
   * its identity on-chain, losing it orphans the device.
   *
   * @param light Web3j's light scrypt parameters (tests only; production keys use the standard
   *     ones, as the node's keys do)
   * @return the new key's address
   */
  public static String create(Path file, String password, boolean light) {
    try {
      Files.createDirectories(file.getParent());
      ECKeyPair pair = Keys.createEcKeyPair();
      WalletFile w =
          light ? Wallet.createLight(password, pair) : Wallet.createStandard(password, pair);
      Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        ObjectMapperFactory.getObjectMapper().writeValue(tmp.toFile(), w);
        // A hard link fails if the target appeared meanwhile: never overwrite a key.
        Files.createLink(file, tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return "0x" + w.getAddress();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key file " + file, e);
    } catch (CipherException
        | InvalidAlgorithmParameterException
        | NoSuchAlgorithmException
        | NoSuchProviderException e) {
      throw new IllegalStateException("cannot create a key", e);
    }
  }
}
