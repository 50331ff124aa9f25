package org.openvpp.node.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvpp.contracts.testing.PostgresServer;

/**
 * A test's node database in either dialect: a SQLite file in the test's temp dir or a fresh
 * PostgreSQL database. Tests reopen it by URL, as a restarted node would.
 */
public final class TestDatabase {
  private static final AtomicInteger FILES = new AtomicInteger();
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

  /**
   * A URL for an empty database: a new SQLite file in {@code dir}, or a new one on {@code
   * postgres}.
   */
  public static String fresh(Dialect dialect, Path dir, PostgresServer postgres) {
    return url(dialect, dir.resolve("node-" + FILES.incrementAndGet() + ".db"), postgres);
  }

  /** Picks this test's database; {@link #open} opens it from then on. */
  public void use(Dialect dialect) {
    url = url(dialect, dir.resolve("node.db"), postgres);
  }

  public Database open() {
    return Database.open(url);
  }
}
