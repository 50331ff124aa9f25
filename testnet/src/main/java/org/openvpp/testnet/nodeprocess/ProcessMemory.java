package org.openvpp.testnet.nodeprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set sizes from Linux's {@code /proc}: what the operating system charges a process. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** {@code VmRSS} of {@code pid} in KiB; 0 for a process that has exited but not been reaped. */
  public static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return 0; // a zombie has no memory of its own left
  }
}
