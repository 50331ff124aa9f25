package org.openvpp.wallet.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openvpp.wallet.cli.ExitCode;
import org.openvpp.wallet.cli.WalletException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * The accounts of this user: one Web3j wallet file (scrypt-encrypted JSON keystore) per account,
 * named {@code <name>.json}, in a directory only the owner may enter (700) holding files only the
 * owner may read (600). New files use Web3j's standard scrypt parameters (n = 262144, p = 1).
 */
public final class Keystore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<PosixFilePermission> DIR_700 =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_600 =
      PosixFilePermissions.fromString("rw-------");
  private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

  private final Path dir;

  public Keystore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /** An account: its name and lower-case 0x address (read without the password). */
  public record Account(String name, String address, Path file) {}

  public List<Account> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Account> accounts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = f.getFileName().toString().replaceFirst("\\.json$", "");
        String address = read(f).getAddress();
        if (address == null || !address.matches("(0x)?[0-9a-fA-F]{40}")) {
          throw WalletException.usage(
              f + " in the keystore is not a Web3j wallet file (no address): move it away");
        }
        accounts.add(
            new Account(name, "0x" + address.replaceFirst("^0x", "").toLowerCase(Locale.ROOT), f));
      }
    } catch (IOException e) {
      throw WalletException.usage("cannot list the keystore " + dir + ": " + e.getMessage());
    }
    return accounts;
  }

  public Optional<Account> find(String nameOrAddress) {
    return list().stream()
        .filter(a -> a.name().equals(nameOrAddress) || a.address().equalsIgnoreCase(nameOrAddress))
        .findFirst();
  }

  public Account get(String nameOrAddress) {
    return find(nameOrAddress)
        .orElseThrow(
            () ->
                WalletException.notFound(
                    "no account '"
                        + nameOrAddress
                        + "' in "
                        + dir
                        + ": see `vpp-wallet account list`, or create one with"
                        + " `vpp-wallet account create NAME`"));
  }

  /** Encrypts {@code key} under {@code password} into a new {@code <name>.json}. */
  public Account add(String name, ECKeyPair key, char[] password) {
    checkName(name);
    String address = "0x" + org.web3j.crypto.Keys.getAddress(key);
    find(address)
        .ifPresent(
            a -> {
              throw WalletException.usage(
                  "this key is already in the keystore as '" + a.name() + "'");
            });
    WalletFile wallet;
    try {
      wallet = Wallet.createStandard(new String(password), key);
    } catch (CipherException e) {
      throw new IllegalStateException("cannot encrypt the key", e);
    }
    return new Account(name, address, write(name, wallet));
  }

  /** True when users other than the owner may read the file (a copied or restored wallet). */
  public static boolean readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Decrypts an account's key; a wrong password is exit code 3. */
  public Credentials unlock(Account account, char[] password) {
    try {
      return Credentials.create(Wallet.decrypt(new String(password), read(account.file())));
    } catch (CipherException e) {
      throw new WalletException(
          ExitCode.WRONG_PASSWORD, "wrong password for account '" + account.name() + "'");
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Reads any Web3j wallet file (for example a device key file). */
  public static WalletFile read(Path file) {
    try {
      return JSON.readValue(file.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw WalletException.usage(
          "cannot read " + file + " as a Web3j wallet file: " + firstLine(e.getMessage()));
    }
  }

  /** Decrypts any wallet file; a wrong password is exit code 3. */
  public static Credentials unlock(Path file, char[] password) {
    try {
      return Credentials.create(Wallet.decrypt(new String(password), read(file)));
    } catch (CipherException e) {
      throw new WalletException(ExitCode.WRONG_PASSWORD, "wrong password for " + file);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private Path write(String name, WalletFile wallet) {
    Path target = dir.resolve(name + ".json");
    if (Files.exists(target)) {
      throw WalletException.usage("account '" + name + "' exists already: choose another name");
    }
    try {
      createPrivateDirectory();
      // Created with 600 from the start (no window in which another user could open it), then
      // moved into place atomically so a crash never leaves half a wallet file.
      Path tmp =
          Files.createTempFile(
              dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(FILE_600));
      JSON.writeValue(tmp.toFile(), wallet);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (FileAlreadyExistsException e) {
      throw WalletException.usage("account '" + name + "' exists already: choose another name");
    } catch (IOException e) {
      throw WalletException.usage("cannot write to the keystore " + dir + ": " + e.getMessage());
    }
  }

  private void createPrivateDirectory() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_700));
    }
    Files.setPosixFilePermissions(dir, DIR_700);
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.startsWith("0x")) {
      throw WalletException.usage(
          "bad account name '"
              + name
              + "': use letters, digits, '.', '_' or '-' (at most 64, not starting with 0x)");
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
