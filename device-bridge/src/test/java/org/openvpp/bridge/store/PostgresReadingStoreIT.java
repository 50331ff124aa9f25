package org.openvpp.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;

/** The {@link ReadingStoreContract} on a real PostgreSQL server, and what only it has. */
@ExtendWith(PostgresExtension.class)
class PostgresReadingStoreIT extends ReadingStoreContract {
  private PostgresServer server;
  private String url;

  @BeforeEach
  void database(PostgresServer server) {
    this.server = server;
    this.url = server.newDatabase();
  }

  @Override
  ReadingStore open() {
    return PostgresReadingStore.open(url, "FULL");
  }

  @Override
  void refuseSequence(long sequence) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "ALTER TABLE bridge_reading ADD CONSTRAINT refused CHECK (sequence <> " + sequence + ")");
    }
  }

  @Test
  void theStoreUrlChoosesPostgresAndAServerThatIsNotThereGivesAClearError() throws Exception {
    try (ReadingStore store = ReadingStores.open(url, Path.of("unused"), "NORMAL")) {
      assertThat(store).isInstanceOf(PostgresReadingStore.class);
      store.append(stored(reading(1)));
      assertThat(store.count()).isEqualTo(1);
    }
    int port = server.port();
    String gone = "jdbc:postgresql://127.0.0.1:" + port + "/no_such_db?password=pgpw-not-logged";
    assertThatThrownBy(() -> PostgresReadingStore.open(gone, "FULL"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no_such_db")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pgpw"));
    assertThatThrownBy(() -> PostgresReadingStore.open(url, "OFF"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
