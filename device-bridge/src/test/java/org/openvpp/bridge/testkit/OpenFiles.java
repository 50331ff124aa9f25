package org.openvpp.bridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Which files this JVM holds open, read from {@code /proc/self/fd} (Linux). */
public final class OpenFiles {
  private static final Path FDS = Path.of("/proc/self/fd");

  private OpenFiles() {}

  public static boolean supported() {
    return Files.isDirectory(FDS);
  }

  /** How many file descriptors of this JVM are open on the file. */
  public static long handlesTo(Path file) {
    try (Stream<Path> fds = Files.list(FDS)) {
      Path real = file.toRealPath();
      return fds.filter(fd -> pointsTo(fd, real)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean pointsTo(Path fd, Path file) {
    try {
      return Files.readSymbolicLink(fd).equals(file);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // closed meanwhile, or not a link
    }
  }
}
