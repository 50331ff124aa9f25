package org.openvpp.node.store;

import java.nio.file.Path;
import org.openvpp.contracts.testing.PostgresServer;

/**
 * A test's node database in either dialect: a SQLite file in the test's temp dir or a fresh
 * PostgreSQL database. Tests reopen it by URL, as a restarted node would.
 */
public final class TestDatabase {
  private final Path dir;
  private final PostgresServer postgres;
  private String url = "";

  public TestDatabase(Path dir, PostgresServer postgres) {
    this.dir = dir;
    this.postgres = postgres;
  }

  /** A URL for an empty database: {@code sqliteFile}, or a new database on {@code postgres}. */
  public static String url(Dialect dialect, Path sqliteFile, PostgresServer postgres) {
    return switch (dialect) {
      case SQLITE -> "jdbc:sqlite:" + sqliteFile;
      case POSTGRES -> postgres.newDatabase();
    };
  }

  /** Picks this test's database; {@link #open} opens it from then on. */
  public void use(Dialect dialect) {
    url = url(dialect, dir.resolve("node.db"), postgres);
  }

  public Database open() {
    return Database.open(url);
  }
}
