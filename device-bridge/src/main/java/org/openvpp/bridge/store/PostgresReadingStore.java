package org.openvpp.bridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Readings in a PostgreSQL database chosen by URL, same contract as {@link SqliteReadingStore}:
 * {@link #append} returns after the transaction committed. {@code synchronous} FULL sets the
 * session's {@code synchronous_commit} on (the commit waits for the WAL flush, as SQLite's FULL
 * does); NORMAL sets it off (a server crash may lose the last moments, as SQLite's NORMAL may on
 * power loss). Tables are prefixed {@code bridge_} since the node may share the database.
 */
public final class PostgresReadingStore extends JdbcReadingStore {
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

  private static final ReadingQueries.Dialect DIALECT =
      new ReadingQueries.Dialect(
          "INSERT INTO",
          " ON CONFLICT DO NOTHING",
          "GREATEST",
          "SELECT DISTINCT ON (device) device, sequence, timestamp_ms, import_wh, export_wh FROM "
              + READING
              + " ORDER BY device, sequence DESC");

  private final HikariDataSource pool;

  private PostgresReadingStore(HikariDataSource pool) {
    super(new ReadingQueries(READING, "bridge_receipt", DIALECT));
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

  /** One transaction; returns only after the commit, so what the caller acknowledges is stored. */
  @Override
  void write(String what, ReadingQueries.Write work) {
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

  @Override
  <T> T read(String what, ReadingQueries.Read<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException(what + " failed", e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
