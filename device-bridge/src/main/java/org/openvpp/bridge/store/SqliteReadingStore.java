package org.openvpp.bridge.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.DeviceCursor;

/**
 * Readings in one SQLite file, WAL journal, {@code synchronous=FULL} by default (a committed batch
 * survives process kill and power loss). One writer connection, one reader connection; each is used
 * under its own lock.
 */
public final class SqliteReadingStore implements ReadingStore {
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
  private final ReadingQueries queries = new ReadingQueries("reading", "receipt");
  private final Connection writer;
  private final Connection reader;

  private SqliteReadingStore(Connection writer, Connection reader) {
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

  @Override
  public void append(List<StoredReading> batch) {
    if (batch.isEmpty()) {
      return;
    }
    write(
        "storing " + batch.size() + " readings",
        c -> queries.insert(c, "INSERT OR IGNORE INTO", "", batch));
  }

  @Override
  public void saveReceipts(Map<String, Long> receipts) {
    if (receipts.isEmpty()) {
      return;
    }
    write("saving " + receipts.size() + " receipts", c -> queries.saveReceipts(c, "MAX", receipts));
  }

  /** One transaction on the writer; returns only after the commit. */
  private void write(String what, ReadingQueries.Write work) {
    synchronized (writer) {
      try {
        work.run(writer);
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(e);
        throw new StoreException(what + " failed", e);
      }
    }
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private <T> T read(String what, ReadingQueries.Read<T> work) {
    synchronized (reader) {
      try {
        return work.run(reader);
      } catch (SQLException e) {
        throw new StoreException(what + " failed", e);
      }
    }
  }

  @Override
  public Map<String, DeviceCursor> cursors() {
    String sql =
        "SELECT r.device, r.sequence, r.timestamp_ms, r.import_wh, r.export_wh FROM reading r"
            + " JOIN (SELECT device, MAX(sequence) AS seq FROM reading GROUP BY device) m"
            + " ON r.device = m.device AND r.sequence = m.seq";
    return read("reading cursors", c -> ReadingQueries.cursors(c, sql));
  }

  @Override
  public Optional<SignedReading> find(String device, long sequence) {
    List<SignedReading> found = readings(device, sequence, sequence);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<SignedReading> previous(String device, long sequence) {
    return read("reading a neighbour of " + device, c -> queries.previous(c, device, sequence));
  }

  @Override
  public Optional<SignedReading> next(String device, long sequence) {
    return read("reading a neighbour of " + device, c -> queries.next(c, device, sequence));
  }

  @Override
  public List<SignedReading> readings(String device, long fromSequence, long toSequence) {
    return read(
        "reading readings of " + device,
        c -> queries.readings(c, device, fromSequence, toSequence));
  }

  @Override
  public long count() {
    return read("counting readings", queries::count);
  }

  @Override
  public long storedRunEnd(String device, long after) {
    return read("reading the stored run of " + device, c -> queries.storedRunEnd(c, device, after));
  }

  @Override
  public Map<String, Long> receipts() {
    return read("reading receipts", queries::receipts);
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
