package org.openvpp.bridge.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.openvpp.contracts.identity.DeviceClass;

/**
 * Loads devices from a text file, one per line: {@code address,deviceClass,ratedPowerW,capacityWh}
 * (deviceClass as in {@link DeviceClass}, e.g. HOME_BATTERY); {@code #} starts a comment. For the
 * standalone bridge and tests without a chain.
 */
public final class DirectoryFile {
  private DirectoryFile() {}

  public static InMemoryDeviceDirectory load(Path file) {
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split(",");
        directory.put(
            new RegisteredDevice(
                f[0].strip().toLowerCase(Locale.ROOT),
                DeviceStatus.ACTIVE,
                DeviceClass.valueOf(f[1].strip()),
                0,
                Long.parseLong(f[2].strip()),
                Long.parseLong(f[3].strip()),
                "0x" + "0".repeat(40)));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read device directory file " + file, e);
    }
  }
}
