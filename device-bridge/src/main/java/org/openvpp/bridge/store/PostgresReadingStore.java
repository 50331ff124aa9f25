package org.openvpp.bridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.util.concurrent.TimeUnit;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.DeviceCursor;

/**
 * Readings in a PostgreSQL database chosen by URL, same contract as {@link SqliteReadingStore}:
 * {@link #append} returns after the transaction committed. {@code synchronous} FULL sets the
 * session's {@code synchronous_commit} on (the commit waits for the WAL flush, as SQLite's FULL
 * does); NORMAL sets it off (a server crash may lose the last moments, as SQLite's NORMAL may on
 * power loss). Tables are prefixed {@code bridge_} since the node may share the database.
 */
public final class PostgresReadingStore implements ReadingStore {
  private static final String READING = "bridge_reading";
  private static final String SCHEMA =
      "CREATE TABLE IF NOT EXISTS "
          + READING
          + " (device TEXT NOT NULL, sequence BIGINT NOT NULL, timestamp_ms BIGINT NOT NULL,"
          + " import_wh BIGINT NOT NULL, export_wh BIGINT NOT NULL, power_w BIGINT NOT NULL,"
          + " soc_permille INTEGER NOT NULL, sig_type TEXT NOT NULL, signature BYTEA NOT NULL,"
          + " received_ms BIGINT NOT NULL, PRIMARY KEY (device, sequence))";
  // The receipt frontier is kept, not recomputed: it may cover sequences settled by a rejection.
  private static final String RECEIPT_SCHEMA =
      "CREATE TABLE IF NOT EXISTS bridge_receipt (device TEXT NOT NULL PRIMARY KEY,"
          + " sequence BIGINT NOT NULL)";

  /** Any constant: serializes concurrent first opens, whose CREATE TABLEs would otherwise race. */
  private static final long SCHEMA_LOCK = 0x76707062726467L;

  private static final int RUN_CHUNK = 10_000;

  private final HikariDataSource pool;

  private PostgresReadingStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the store at {@code jdbcUrl} and creates its tables; {@code synchronous} FULL/NORMAL. */
  public static PostgresReadingStore open(String jdbcUrl, String synchronous) {
    if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
      throw new IllegalArgumentException("synchronous must be FULL or NORMAL");
    }
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL URL: " + ReadingStores.redact(jdbcUrl));
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("vpp-bridge-store");
    config.setDriverClassName("org.postgresql.Driver");
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
    config.setConnectionInitSql(
        "SET synchronous_commit TO " + (synchronous.equals("FULL") ? "on" : "off"));
    // One multi-row INSERT per batch instead of one round trip per reading.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(config);
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
          s.execute(SCHEMA);
          s.execute(RECEIPT_SCHEMA);
        }
        c.commit();
      }
      return new PostgresReadingStore(pool);
    } catch (SQLException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw new StoreException("cannot open reading store " + ReadingStores.redact(jdbcUrl), e);
    }
  }

  @Override
  public void append(List<StoredReading> batch) {
    if (batch.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO "
            + READING
            + " ("
            + ReadingRows.COLUMNS
            + ", received_ms) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    write(
        "storing " + batch.size() + " readings",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (StoredReading s : batch) {
              ReadingRows.bind(ps, s);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
  }

  @Override
  public void saveReceipts(Map<String, Long> receipts) {
    if (receipts.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO bridge_receipt (device, sequence) VALUES (?, ?) ON CONFLICT (device)"
            + " DO UPDATE SET sequence = GREATEST(bridge_receipt.sequence, excluded.sequence)";
    write(
        "saving " + receipts.size() + " receipts",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, Long> r : receipts.entrySet()) {
              ps.setString(1, r.getKey());
              ps.setLong(2, r.getValue());
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
  }

  private interface Write {
    void run(Connection c) throws SQLException;
  }

  /** One transaction; returns only after the commit, so what the caller acknowledges is stored. */
  private void write(String what, Write work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(what + " failed", e);
    }
  }

  private static void rollbackQuietly(Connection c, SQLException cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(String what, Read<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(what + " failed", e);
    }
  }

  @Override
  public Map<String, DeviceCursor> cursors() {
    String sql =
        "SELECT DISTINCT ON (device) device, sequence, timestamp_ms, import_wh, export_wh FROM "
            + READING
            + " ORDER BY device, sequence DESC";
    return read(
        "reading cursors",
        c -> {
          Map<String, DeviceCursor> out = new HashMap<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              out.put(
                  rs.getString(1),
                  new DeviceCursor(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
          }
          return out;
        });
  }

  @Override
  public Optional<SignedReading> find(String device, long sequence) {
    List<SignedReading> found = readings(device, sequence, sequence);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<SignedReading> previous(String device, long sequence) {
    return one(" AND sequence < ? ORDER BY sequence DESC LIMIT 1", device, sequence);
  }

  @Override
  public Optional<SignedReading> next(String device, long sequence) {
    return one(" AND sequence > ? ORDER BY sequence LIMIT 1", device, sequence);
  }

  private Optional<SignedReading> one(String tail, String device, long sequence) {
    String sql = "SELECT " + ReadingRows.COLUMNS + " FROM " + READING + " WHERE device = ?" + tail;
    return read(
        "reading a neighbour of " + device,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, device);
            ps.setLong(2, sequence);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(ReadingRows.row(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<SignedReading> readings(String device, long fromSequence, long toSequence) {
    String sql =
        "SELECT "
            + ReadingRows.COLUMNS
            + " FROM "
            + READING
            + " WHERE device = ? AND sequence BETWEEN ? AND ? ORDER BY sequence";
    return read(
        "reading readings of " + device,
        c -> {
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
        });
  }

  @Override
  public long count() {
    return read(
        "counting readings",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + READING)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  @Override
  public long storedRunEnd(String device, long after) {
    String sql =
        "SELECT sequence FROM "
            + READING
            + " WHERE device = ? AND sequence > ? ORDER BY sequence LIMIT "
            + RUN_CHUNK;
    return read(
        "reading the stored run of " + device,
        c -> {
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
        });
  }

  @Override
  public Map<String, Long> receipts() {
    return read(
        "reading receipts",
        c -> {
          Map<String, Long> out = new HashMap<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT device, sequence FROM bridge_receipt")) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getLong(2));
            }
          }
          return out;
        });
  }

  @Override
  public void close() {
    pool.close();
  }
}
