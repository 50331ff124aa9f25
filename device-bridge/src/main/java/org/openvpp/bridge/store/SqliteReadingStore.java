package org.openvpp.bridge.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Readings in one SQLite file, WAL journal, {@code synchronous=FULL} by default (a committed batch
 * survives process kill and power loss). One writer connection, one reader connection; each is used
 * under its own lock.
 */
public final class SqliteReadingStore extends JdbcReadingStore {
  private static final String SCHEMA =
      "CREATE TABLE IF NOT EXISTS reading (device TEXT NOT NULL, sequence INTEGER NOT NULL,"
          + " timestamp_ms INTEGER NOT NULL, import_wh INTEGER NOT NULL, export_wh INTEGER NOT"
          + " NULL, power_w INTEGER NOT NULL, soc_permille INTEGER NOT NULL, sig_type TEXT NOT"
          + " NULL, signature BLOB NOT NULL, received_ms INTEGER NOT NULL, PRIMARY KEY (device,"
          + " sequence)) WITHOUT ROWID";
  // What the node has receipted to each device: it may cover sequences settled by a rejection,
  // which the reading table does not hold, so the frontier is kept, not recomputed.
  private static final String RECEIPT_SCHEMA =
      "CREATE TABLE IF NOT EXISTS receipt (device TEXT NOT NULL PRIMARY KEY, sequence INTEGER"
          + " NOT NULL) WITHOUT ROWID";
  private static final ReadingQueries.Dialect DIALECT =
      new ReadingQueries.Dialect(
          "INSERT OR IGNORE INTO",
          "",
          "MAX",
          "SELECT r.device, r.sequence, r.timestamp_ms, r.import_wh, r.export_wh FROM reading r"
              + " JOIN (SELECT device, MAX(sequence) AS seq FROM reading GROUP BY device) m"
              + " ON r.device = m.device AND r.sequence = m.seq");

  private final Connection writer;
  private final Connection reader;

  private SqliteReadingStore(Connection writer, Connection reader) {
    super(new ReadingQueries("reading", "receipt", DIALECT));
    this.writer = writer;
    this.reader = reader;
  }

  /** Opens (and creates) the store; {@code synchronous} is FULL or NORMAL. */
  public static SqliteReadingStore open(Path file, String synchronous) {
    if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
      throw new IllegalArgumentException("synchronous must be FULL or NORMAL");
    }
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    Connection writer = null;
    try {
      writer = DriverManager.getConnection(url);
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + synchronous);
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(SCHEMA);
        s.execute(RECEIPT_SCHEMA);
      }
      writer.setAutoCommit(false);
      writer.commit();
      Connection reader = DriverManager.getConnection(url);
      return new SqliteReadingStore(writer, reader);
    } catch (SQLException e) {
      StoreException failure = new StoreException("cannot open reading store " + file, e);
      closeQuietly(writer, failure);
      throw failure;
    }
  }

  private static void closeQuietly(Connection c, Exception failure) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** One transaction on the writer; returns only after the commit. */
  @Override
  void write(String what, ReadingQueries.Write work) {
    synchronized (writer) {
      try {
        work.run(writer);
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(writer, e);
        throw new StoreException(what + " failed", e);
      }
    }
  }

  @Override
  <T> T read(String what, ReadingQueries.Read<T> work) {
    synchronized (reader) {
      try {
        return work.run(reader);
      } catch (SQLException e) {
        throw new StoreException(what + " failed", e);
      }
    }
  }

  /** Closes both connections, the writer even when closing the reader fails. */
  @Override
  public void close() {
    StoreException failure = new StoreException("closing reading store failed", null);
    closeQuietly(reader, failure);
    synchronized (writer) {
      closeQuietly(writer, failure);
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }
}
