package org.openvpp.wallet.oem;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.openvpp.wallet.cli.WalletException;

/**
 * A production batch as the factory exports it: one device per line, {@code
 * address,serial[,ratedPowerW[,capacityWh]]}. A first line starting with "address" is a header;
 * blank lines and lines starting with '#' are skipped. Every bad line is reported by number.
 */
final class DeviceCsv {
  /** One device of the batch; empty limits take the model's. */
  record Row(
      int line, String device, String serial, OptionalLong powerW, OptionalLong capacityWh) {}

  private DeviceCsv() {}

  static List<Row> read(Path file) {
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        String t = text.strip();
        if (t.isEmpty()
            || t.startsWith("#")
            || (line == 1 && t.toLowerCase(Locale.ROOT).startsWith("address"))) {
          continue;
        }
        Row row = parse(file, line, t);
        if (!seen.add(row.device())) {
          throw bad(file, line, "device " + row.device() + " is listed twice");
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw WalletException.usage("cannot read " + file + ": check the path");
    }
    if (rows.isEmpty()) {
      throw WalletException.usage(file + " lists no devices (address,serial per line)");
    }
    return rows;
  }

  private static Row parse(Path file, int line, String text) {
    String[] cells = text.split(",", -1);
    if (cells.length < 2 || cells.length > 4) {
      throw bad(file, line, "expected address,serial[,ratedPowerW[,capacityWh]]");
    }
    String device = cells[0].strip();
    if (!device.matches("0x[0-9a-fA-F]{40}")) {
      throw bad(file, line, "'" + device + "' is not a device address (0x and 40 hex digits)");
    }
    String serial = cells[1].strip();
    if (serial.isEmpty()) {
      throw bad(file, line, "the serial number is empty");
    }
    return new Row(
        line,
        device.toLowerCase(Locale.ROOT),
        serial,
        number(file, line, cells, 2, "ratedPowerW"),
        number(file, line, cells, 3, "capacityWh"));
  }

  private static OptionalLong number(Path file, int line, String[] cells, int i, String what) {
    if (cells.length <= i || cells[i].isBlank()) {
      return OptionalLong.empty();
    }
    try {
      long v = Long.parseLong(cells[i].strip());
      if (v >= 0 && v <= 0xffff_ffffL) {
        return OptionalLong.of(v);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(file, line, what + " '" + cells[i].strip() + "' is not a whole number 0..4294967295");
  }

  private static WalletException bad(Path file, int line, String what) {
    return WalletException.usage(file + " line " + line + ": " + what);
  }
}
