package org.openvpp.node.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes secrets owner-only (600, directory 700) and never over an existing file. The file is
 * created with its final permissions (no window in which another user could open it), written in
 * full, then linked into place, so a crash leaves either nothing or the whole file.
 */
final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> DIR_700 =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_600 =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /**
   * @throws FileAlreadyExistsException when {@code target} exists (it is left untouched)
   */
  static void writeNew(Path target, byte[] content) throws FileAlreadyExistsException {
    Path dir = target.toAbsolutePath().getParent();
    try {
      privateDirectory(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs(FILE_600));
      try {
        Files.write(tmp, content);
        // A hard link fails when the target exists, unlike a move: no check-then-act race.
        Files.createLink(target, tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Creates the directory 700, or tightens an existing one the node created before. */
  static void privateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, attrs(DIR_700));
    }
    if (posix(dir)) {
      Files.setPosixFilePermissions(dir, DIR_700);
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attrs(Set<PosixFilePermission> perms) {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)}
        : new FileAttribute<?>[0];
  }
}
