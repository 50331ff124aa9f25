package org.openvpp.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The node's database: an SQLite file by default ({@code jdbc:sqlite:<file>}), PostgreSQL by URL
 * ({@code jdbc:postgresql://host:port/db?user=..&password=..}). Opening it applies the Flyway
 * migrations in {@code classpath:db/migration} that are not applied yet.
 *
 * <p>Every call blocks on JDBC: call it from a worker thread (Vert.x {@code executeBlocking}),
 * never from an event loop, which {@link #transaction} refuses.
 */
public final class Database implements AutoCloseable {
  /** SQLite has one writer; waiting for our own lock is cheaper than spinning on SQLITE_BUSY. */
  private static final long WRITER_WAIT_SECONDS = 30;

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final ReentrantLock writer = new ReentrantLock(true);

  private Database(Dialect dialect, HikariDataSource pool) {
    this.dialect = dialect;
    this.pool = pool;
  }

  /**
   * Opens (and for SQLite creates) the database at {@code jdbcUrl} and migrates it to the newest
   * schema.
   *
   * @throws IllegalArgumentException the URL is neither SQLite nor PostgreSQL, or is in memory
   * @throws DatabaseException the database cannot be reached or a migration failed
   */
  public static Database open(String jdbcUrl) {
    DatabaseUrl url = DatabaseUrl.parse(jdbcUrl);
    if (url.dialect() == Dialect.SQLITE) {
      // Two first opens of a new file at once race on switching it to WAL (SQLITE_IOERR): within
      // this process they take turns. Several processes on one SQLite file are not supported.
      synchronized (SqliteFile.openLock(jdbcUrl)) {
        return openAndMigrate(url);
      }
    }
    return openAndMigrate(url);
  }

  private static Database openAndMigrate(DatabaseUrl url) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(url));
    } catch (RuntimeException e) {
      throw new DatabaseException("cannot open database " + url.redacted(), e);
    }
    try {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new DatabaseException("migrating database " + url.redacted() + " failed", e);
    }
    return new Database(url.dialect(), pool);
  }

  private static HikariConfig poolConfig(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("vpp-node-db");
    config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
    if (url.dialect() == Dialect.SQLITE) {
      config.setDataSource(SqliteFile.dataSource(url.jdbcUrl()));
      // WAL lets readers run beside the one writer; more connections only wait on the file lock.
      config.setMaximumPoolSize(4);
    } else {
      config.setDriverClassName("org.postgresql.Driver");
      config.setJdbcUrl(url.jdbcUrl());
      config.setMaximumPoolSize(8);
    }
    return config;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. On
   * SQLite transactions run one at a time (a single writer).
   *
   * @throws DatabaseException the work threw an {@link SQLException}, or the commit failed
   * @throws IllegalStateException called on a Vert.x event loop
   */
  public <T> T transaction(SqlWork<T> work) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("database transaction on an event loop thread");
    }
    boolean serialize = dialect == Dialect.SQLITE;
    if (serialize) {
      acquireWriter();
    }
    try (Connection c = pool.getConnection()) {
      // The pool puts auto-commit back when the connection returns to it.
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        rollback(c, e);
        throw new DatabaseException("transaction rolled back: " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException("database connection failed: " + e.getMessage(), e);
    } finally {
      if (serialize) {
        writer.unlock();
      }
    }
  }

  private void acquireWriter() {
    try {
      if (!writer.tryLock(WRITER_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new DatabaseException(
            "no SQLite write transaction within " + WRITER_WAIT_SECONDS + " s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseException("interrupted waiting for the SQLite writer", e);
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Pooled connections in auto-commit mode, for reads and for statements of their own. */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
