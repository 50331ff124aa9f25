package org.openvpp.node.p2p.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The host's identity key on disk, in the libp2p protobuf {@code PrivateKey} format (readable by
 * other libp2p implementations), so the peer id survives restarts. Created owner-only.
 */
public final class IdentityKeyFile {
  private IdentityKeyFile() {}

  /** Loads the key, or creates an Ed25519 key there when the file does not exist. */
  public static PrivateKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return KeyCodec.decodePrivate(Files.readAllBytes(file));
      }
      PrivateKey key = Ed25519Keys.generate();
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".p2p-key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: rely on the directory's permissions
      }
      Files.write(tmp, key.marshal(), StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the p2p identity key " + file, e);
    }
  }
}
