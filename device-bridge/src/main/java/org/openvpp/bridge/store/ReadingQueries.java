package org.openvpp.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.DeviceCursor;

/**
 * The JDBC both stores run on a connection they hand in: they differ in how they hold connections
 * (two locked connections or a pool) and in a few dialect clauses, which come in as SQL text.
 */
final class ReadingQueries {
  /** Rows fetched per query while walking a stored run, so a long run never loads at once. */
  private static final int RUN_CHUNK = 10_000;

  /** Writes on one connection; the store decides locking, the transaction and the message. */
  interface Write {
    void run(Connection c) throws SQLException;
  }

  /** Reads on one connection; the store decides locking and the error message. */
  interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private final String readingTable;
  private final String receiptTable;
  private final Dialect dialect;

  /**
   * The clauses in which the two databases differ: {@code insertVerb} such as "INSERT OR IGNORE
   * INTO", {@code insertTail} such as " ON CONFLICT DO NOTHING", {@code greatest} the two-argument
   * maximum (MAX or GREATEST), {@code lastReadingPerDeviceSql} selecting device, sequence,
   * timestamp_ms, import_wh, export_wh of each device's last reading.
   */
  record Dialect(
      String insertVerb, String insertTail, String greatest, String lastReadingPerDeviceSql) {}

  ReadingQueries(String readingTable, String receiptTable, Dialect dialect) {
    this.readingTable = readingTable;
    this.receiptTable = receiptTable;
    this.dialect = dialect;
  }

  void insert(Connection c, List<StoredReading> batch) throws SQLException {
    String sql =
        dialect.insertVerb()
            + " "
            + readingTable
            + " ("
            + ReadingRows.COLUMNS
            + ", received_ms) VALUES (?,?,?,?,?,?,?,?,?,?)"
            + dialect.insertTail();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (StoredReading s : batch) {
        ReadingRows.bind(ps, s);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  void saveReceipts(Connection c, Map<String, Long> receipts) throws SQLException {
    String sql =
        "INSERT INTO "
            + receiptTable
            + " (device, sequence) VALUES (?, ?) ON CONFLICT (device) DO UPDATE SET sequence = "
            + dialect.greatest()
            + "("
            + receiptTable
            + ".sequence, excluded.sequence)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<String, Long> r : receipts.entrySet()) {
        ps.setString(1, r.getKey());
        ps.setLong(2, r.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  Map<String, DeviceCursor> cursors(Connection c) throws SQLException {
    Map<String, DeviceCursor> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(dialect.lastReadingPerDeviceSql())) {
      while (rs.next()) {
        out.put(
            rs.getString(1),
            new DeviceCursor(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
      }
    }
    return out;
  }

  Optional<SignedReading> previous(Connection c, String device, long sequence) throws SQLException {
    return one(c, " AND sequence < ? ORDER BY sequence DESC LIMIT 1", device, sequence);
  }

  Optional<SignedReading> next(Connection c, String device, long sequence) throws SQLException {
    return one(c, " AND sequence > ? ORDER BY sequence LIMIT 1", device, sequence);
  }

  private Optional<SignedReading> one(Connection c, String tail, String device, long sequence)
      throws SQLException {
    String sql =
        "SELECT " + ReadingRows.COLUMNS + " FROM " + readingTable + " WHERE device = ?" + tail;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, device);
      ps.setLong(2, sequence);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(ReadingRows.row(rs)) : Optional.empty();
      }
    }
  }

  List<SignedReading> readings(Connection c, String device, long fromSequence, long toSequence)
      throws SQLException {
    String sql =
        "SELECT "
            + ReadingRows.COLUMNS
            + " FROM "
            + readingTable
            + " WHERE device = ? AND sequence BETWEEN ? AND ? ORDER BY sequence";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, device);
      ps.setLong(2, fromSequence);
      ps.setLong(3, toSequence);
      List<SignedReading> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(ReadingRows.row(rs));
        }
      }
      return out;
    }
  }

  long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + readingTable)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The last sequence of the gap-free run stored after {@code after}, read in chunks. */
  long storedRunEnd(Connection c, String device, long after) throws SQLException {
    String sql =
        "SELECT sequence FROM "
            + readingTable
            + " WHERE device = ? AND sequence > ? ORDER BY sequence LIMIT "
            + RUN_CHUNK;
    long end = after;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
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
    }
  }

  Map<String, Long> receipts(Connection c) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT device, sequence FROM " + receiptTable)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
