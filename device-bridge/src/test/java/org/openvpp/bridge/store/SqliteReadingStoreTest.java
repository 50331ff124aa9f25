package org.openvpp.bridge.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ReadingStoreContract} on a real SQLite file. */
class SqliteReadingStoreTest extends ReadingStoreContract {
  @TempDir Path dir;

  @Override
  ReadingStore open() {
    return SqliteReadingStore.open(dir.resolve("r.db"), "FULL");
  }

  @Override
  void refuseSequence(long sequence) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("r.db"));
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TRIGGER refuse BEFORE INSERT ON reading WHEN NEW.sequence = "
              + sequence
              + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    }
  }
}
