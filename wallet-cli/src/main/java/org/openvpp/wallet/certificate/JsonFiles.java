package org.openvpp.wallet.certificate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openvpp.wallet.cli.WalletException;

/** Reads and writes the wallet's JSON files with errors that name the file and what is wrong. */
final class JsonFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonFiles() {}

  static void write(Path file, Object value) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, JSON.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw WalletException.usage("cannot write " + file + ": " + e.getMessage());
    }
  }

  static <T> T read(Path file, Class<T> type, String what) {
    if (!Files.isRegularFile(file)) {
      throw WalletException.usage(file + " does not exist: give the path of " + what);
    }
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw WalletException.usage(
          file + " is not " + what + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
