package org.openvpp.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.testkit.OpenFiles;

/** The {@link ReadingStoreContract} on a real SQLite file, and SQLite's own file handling. */
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

  @Test
  void aFileThatIsNotADatabaseIsRefusedWithoutLeavingAConnectionOpen() throws IOException {
    assumeTrue(OpenFiles.supported(), "needs /proc to see open files");
    Path file = dir.resolve("garbage.db");
    Files.write(
        file,
        "this is not an SQLite database, just text that is long enough"
            .repeat(80)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> SqliteReadingStore.open(file, "FULL"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open reading store");
    assertThat(OpenFiles.handlesTo(file)).isZero();
  }

  @Test
  void closeReleasesBothConnections() {
    assumeTrue(OpenFiles.supported(), "needs /proc to see open files");
    Path file = dir.resolve("r.db");
    SqliteReadingStore store = SqliteReadingStore.open(file, "FULL");
    store.append(List.of(new StoredReading(reading(1), 1)));
    assertThat(store.count()).isEqualTo(1);
    assertThat(OpenFiles.handlesTo(file)).isGreaterThanOrEqualTo(2);
    store.close();
    assertThat(OpenFiles.handlesTo(file)).isZero();
  }
}
