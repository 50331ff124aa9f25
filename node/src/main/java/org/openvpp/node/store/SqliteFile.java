package org.openvpp.node.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** How the node opens its SQLite file: the settings every pooled connection gets. */
final class SqliteFile {
  /** How long a connection waits for the file lock held by another process before failing. */
  static final int BUSY_TIMEOUT_MS = 10_000;

  private static final ConcurrentMap<Path, Object> OPEN_LOCKS = new ConcurrentHashMap<>();

  private SqliteFile() {}

  /** One lock per file (by absolute path) for opening it. */
  static Object openLock(String jdbcUrl) {
    Path file = Path.of(DatabaseUrl.sqliteFile(jdbcUrl)).toAbsolutePath().normalize();
    return OPEN_LOCKS.computeIfAbsent(file, f -> new Object());
  }

  static SQLiteDataSource dataSource(String jdbcUrl) {
    Path file = Path.of(DatabaseUrl.sqliteFile(jdbcUrl)).toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + file, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    // WAL: readers beside the writer. FULL: a committed transaction survives power loss.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // Take the write lock at BEGIN, so two writers wait on the busy timeout instead of one of them
    // failing when it upgrades a read lock mid-transaction.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(jdbcUrl);
    return ds;
  }
}
