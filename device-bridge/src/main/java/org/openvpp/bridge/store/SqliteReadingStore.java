package org.openvpp.bridge.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.DeviceCursor;
import org.openvpp.contracts.evidence.MeterReading;

/**
 * Readings in one SQLite file, WAL journal, {@code synchronous=FULL} by default (a committed batch
 * survives process kill and power loss). One writer connection, one reader connection; each is used
 * under its own lock.
 */
public final class SqliteReadingStore implements ReadingStore {
  private static final String COLUMNS =
      "device, sequence, timestamp_ms, import_wh, export_wh, power_w, soc_permille, sig_type,"
          + " signature";
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
  private static final int RUN_CHUNK = 10_000;

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
    synchronized (writer) {
      try (PreparedStatement ps =
          writer.prepareStatement(
              "INSERT OR IGNORE INTO reading ("
                  + COLUMNS
                  + ", received_ms) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
        for (StoredReading s : batch) {
          bind(ps, s);
          ps.addBatch();
        }
        ps.executeBatch();
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(e);
        throw new StoreException("storing " + batch.size() + " readings failed", e);
      }
    }
  }

  private static void bind(PreparedStatement ps, StoredReading s) throws SQLException {
    MeterReading r = s.signed().reading();
    ps.setString(1, r.device());
    ps.setLong(2, r.sequence());
    ps.setLong(3, r.timestampMs());
    ps.setLong(4, r.importWh());
    ps.setLong(5, r.exportWh());
    ps.setLong(6, r.powerW());
    ps.setInt(7, r.socPermille());
    ps.setString(8, s.signed().signatureType().wireName());
    ps.setBytes(9, s.signed().signature());
    ps.setLong(10, s.receivedMs());
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Map<String, DeviceCursor> cursors() {
    Map<String, DeviceCursor> out = new HashMap<>();
    String sql =
        "SELECT r.device, r.sequence, r.timestamp_ms, r.import_wh, r.export_wh FROM reading r"
            + " JOIN (SELECT device, MAX(sequence) AS seq FROM reading GROUP BY device) m"
            + " ON r.device = m.device AND r.sequence = m.seq";
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new DeviceCursor(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        }
        return out;
      } catch (SQLException e) {
        throw new StoreException("reading cursors failed", e);
      }
    }
  }

  @Override
  public Optional<SignedReading> find(String device, long sequence) {
    List<SignedReading> found = readings(device, sequence, sequence);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<SignedReading> previous(String device, long sequence) {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM reading WHERE device = ? AND sequence < ?"
            + " ORDER BY sequence DESC LIMIT 1",
        device,
        sequence);
  }

  @Override
  public Optional<SignedReading> next(String device, long sequence) {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM reading WHERE device = ? AND sequence > ?"
            + " ORDER BY sequence LIMIT 1",
        device,
        sequence);
  }

  private Optional<SignedReading> one(String sql, String device, long sequence) {
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        ps.setString(1, device);
        ps.setLong(2, sequence);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new StoreException("reading a neighbour of " + device + " failed", e);
      }
    }
  }

  @Override
  public List<SignedReading> readings(String device, long fromSequence, long toSequence) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM reading WHERE device = ? AND sequence BETWEEN ? AND ?"
            + " ORDER BY sequence";
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        ps.setString(1, device);
        ps.setLong(2, fromSequence);
        ps.setLong(3, toSequence);
        List<SignedReading> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
        return out;
      } catch (SQLException e) {
        throw new StoreException("reading readings of " + device + " failed", e);
      }
    }
  }

  private static SignedReading row(ResultSet rs) throws SQLException {
    MeterReading r =
        new MeterReading(
            rs.getString(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getLong(5),
            rs.getLong(6),
            rs.getInt(7));
    SignatureType type = SignatureType.fromWire(rs.getString(8)).orElseThrow();
    return new SignedReading(r, type, rs.getBytes(9));
  }

  @Override
  public long count() {
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM reading")) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new StoreException("counting readings failed", e);
      }
    }
  }

  @Override
  public long storedRunEnd(String device, long after) {
    String sql =
        "SELECT sequence FROM reading WHERE device = ? AND sequence > ? ORDER BY sequence LIMIT "
            + RUN_CHUNK;
    long end = after;
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        while (true) {
          ps.setString(1, device);
          ps.setLong(2, end);
          int rows = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (rs.getLong(1) != end + 1) {
                return end;
              }
              end++;
              rows++;
            }
          }
          if (rows < RUN_CHUNK) {
            return end;
          }
        }
      } catch (SQLException e) {
        throw new StoreException("reading the stored run of " + device + " failed", e);
      }
    }
  }

  @Override
  public Map<String, Long> receipts() {
    Map<String, Long> out = new HashMap<>();
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT device, sequence FROM receipt")) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
      } catch (SQLException e) {
        throw new StoreException("reading receipts failed", e);
      }
    }
  }

  @Override
  public void saveReceipts(Map<String, Long> receipts) {
    if (receipts.isEmpty()) {
      return;
    }
    synchronized (writer) {
      try (PreparedStatement ps =
          writer.prepareStatement(
              "INSERT INTO receipt (device, sequence) VALUES (?, ?) ON CONFLICT (device)"
                  + " DO UPDATE SET sequence = MAX(sequence, excluded.sequence)")) {
        for (Map.Entry<String, Long> r : receipts.entrySet()) {
          ps.setString(1, r.getKey());
          ps.setLong(2, r.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
        writer.commit();
      } catch (SQLException e) {
        rollbackQuietly(e);
        throw new StoreException("saving " + receipts.size() + " receipts failed", e);
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
