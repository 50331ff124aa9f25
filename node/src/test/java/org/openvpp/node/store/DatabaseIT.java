package org.openvpp.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;

/** {@link Database} against real engines: the same tests on an SQLite file and on PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class DatabaseIT {
  private static final String NODE = "0x00000000000000000000000000000000000000aa";
  private static final String SALT = "0x" + "11".repeat(32);
  private static final String COMMITMENT = "0x" + "22".repeat(32);

  private static PostgresServer postgres;

  @TempDir Path dir;

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  /** A new, empty database of the dialect. */
  private String url(Dialect dialect) {
    return TestDatabase.url(dialect, dir.resolve("state/node.db"), postgres);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void migrationsApplyOnceAndStateSurvivesReopening(Dialect dialect) {
    String url = url(dialect);
    try (Database db = Database.open(url)) {
      assertThat(db.dialect()).isEqualTo(dialect);
      db.transaction(c -> insertBid(c, "1", SALT));
    }
    try (Database db = Database.open(url)) {
      List<String> applied =
          db.transaction(
              c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                    ResultSet rs =
                        s.executeQuery(
                            "SELECT version, success FROM flyway_schema_history"
                                + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
                  while (rs.next()) {
                    out.add(rs.getString(1) + ":" + rs.getBoolean(2));
                  }
                }
                return out;
              });
      assertThat(applied).startsWith("1:true").doesNotHaveDuplicates();
      assertThat(bidCount(db)).isEqualTo(1);
      assertThat(salt(db, "1")).isEqualTo(SALT);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aFailedTransactionLeavesNothingBehind(Dialect dialect) {
    try (Database db = Database.open(url(dialect))) {
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        insertBid(c, "1", SALT);
                        throw new SQLException("the work failed after its first insert");
                      }))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("rolled back")
          .hasMessageContaining("after its first insert");
      IllegalStateException own = new IllegalStateException("a bug in the work");
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        insertBid(c, "2", SALT);
                        throw own;
                      }))
          .isSameAs(own);
      // The database itself refuses the second row (uppercase hex): the first goes with it.
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        insertBid(c, "3", SALT);
                        return insertBid(c, "4", "0x" + "AB".repeat(32));
                      }))
          .isInstanceOf(DatabaseException.class);
      assertThat(bidCount(db)).isZero();
      // The pool hands out healthy connections after the failures.
      db.transaction(c -> insertBid(c, "5", SALT));
      assertThat(bidCount(db)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void malformedValuesAreRefusedByTheSchema(Dialect dialect) {
    try (Database db = Database.open(url(dialect))) {
      String[][] bad = {
        {"01", SALT}, // amount with a leading zero
        {"-1", SALT}, // signed
        {"1", "0x" + "1".repeat(63)}, // 31.5 bytes
        {"1", "11".repeat(33)}, // no 0x
        {"1", "0x" + "zz".repeat(32)}, // not hex
      };
      for (String[] row : bad) {
        assertThatThrownBy(() -> db.transaction(c -> insertBid(c, row[0], row[1])))
            .as("request %s salt %s", row[0], row[1])
            .isInstanceOf(DatabaseException.class);
      }
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c ->
                          update(
                              c,
                              "INSERT INTO reward_ledger (node, state, pending_for, total,"
                                  + " updated_ms) VALUES ('"
                                  + NODE
                                  + "', 'pending', '', '0', 0)")))
          .as("a pending ledger names its submission")
          .isInstanceOf(DatabaseException.class);
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c ->
                          update(
                              c,
                              "INSERT INTO reward_entry (node, state, owner, amount) VALUES ('"
                                  + NODE
                                  + "', 'tip', '"
                                  + NODE
                                  + "', '5')")))
          .as("an owner entry needs its ledger (foreign keys are on)")
          .isInstanceOf(DatabaseException.class);
      assertThat(bidCount(db)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void concurrentReadModifyWriteTransactionsLoseNoUpdate(Dialect dialect) throws Exception {
    int threads = 4;
    int perThread = 25;
    try (Database db = Database.open(url(dialect))) {
      db.transaction(
          c ->
              update(
                  c,
                  "INSERT INTO reward_ledger (node, state, total, updated_ms) VALUES ('"
                      + NODE
                      + "', 'tip', '0', 0)"));
      // PostgreSQL needs the row lock; SQLite's one writer already serializes the transactions.
      String lock = db.dialect() == Dialect.POSTGRES ? " FOR UPDATE" : "";
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      db.transaction(c -> addOne(c, lock));
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(tipTotal(db)).isEqualTo(String.valueOf(threads * perThread));
    }
  }

  /** Readers through dataSource() are not held up by an open write transaction (WAL on SQLite). */
  @ParameterizedTest
  @EnumSource(Dialect.class)
  void readersRunBesideAnOpenWriteTransactionAndSeeOnlyWhatWasCommitted(Dialect dialect)
      throws Exception {
    try (Database db = Database.open(url(dialect))) {
      if (dialect == Dialect.SQLITE) {
        assertThat(sqlitePragma(db, "journal_mode")).isEqualTo("wal");
        assertThat(sqlitePragma(db, "synchronous")).as("FULL").isEqualTo("2");
        assertThat(sqlitePragma(db, "foreign_keys")).isEqualTo("1");
        assertThat(sqlitePragma(db, "busy_timeout")).isEqualTo("10000");
      }
      java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      CompletableFuture<Integer> writer =
          CompletableFuture.supplyAsync(
              () ->
                  db.transaction(
                      c -> {
                        int n = insertBid(c, "1", SALT);
                        inserted.countDown();
                        try {
                          if (!release.await(30, TimeUnit.SECONDS)) {
                            throw new SQLException("never released");
                          }
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          throw new SQLException(e);
                        }
                        return n;
                      }));
      assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(countThroughDataSource(db)).as("uncommitted row is not seen").isZero();
      release.countDown();
      assertThat(writer.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(countThroughDataSource(db)).isEqualTo(1);
    }
  }

  private static String sqlitePragma(Database db, String name) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long countThroughDataSource(Database db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bid")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void transactionsAreRefusedOnAnEventLoop(Dialect dialect) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Database db = Database.open(url(dialect))) {
      CompletableFuture<Throwable> seen = new CompletableFuture<>();
      vertx.runOnContext(
          v -> {
            try {
              db.transaction(c -> insertBid(c, "1", SALT));
              seen.complete(null);
            } catch (RuntimeException e) {
              seen.complete(e);
            }
          });
      assertThat(seen.get(10, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("event loop");
      assertThat(bidCount(db)).isZero();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void openingANewDatabaseTwiceAtOnceMigratesItOnce(Dialect dialect) throws Exception {
    String url = url(dialect);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Database>> opening = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        opening.add(pool.submit(() -> Database.open(url)));
      }
      List<Database> open = new ArrayList<>();
      for (Future<Database> f : opening) {
        open.add(f.get(60, TimeUnit.SECONDS));
      }
      long applied =
          open.get(0)
              .transaction(
                  c -> {
                    try (Statement s = c.createStatement();
                        ResultSet rs =
                            s.executeQuery(
                                "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  });
      assertThat(applied).isEqualTo(1);
      open.get(1).transaction(c -> insertBid(c, "1", SALT));
      assertThat(bidCount(open.get(0))).isEqualTo(1);
      open.forEach(Database::close);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void anAppliedMigrationThatWasChangedStopsTheOpen(Dialect dialect) {
    String url = url(dialect);
    try (Database db = Database.open(url)) {
      db.transaction(c -> insertBid(c, "1", SALT));
      // What Flyway sees when someone edits V1 after it ran: its checksum no longer matches.
      db.transaction(
          c ->
              update(
                  c,
                  "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'"));
    }
    assertThatThrownBy(() -> Database.open(url))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("migrating database")
        .hasStackTraceContaining("checksum");
    try (Database db = repairedAndOpened(url)) {
      assertThat(bidCount(db)).as("nothing was dropped or changed").isEqualTo(1);
    }
  }

  /** Re-opens after the checksum is put back: the data the refused open saw is all there. */
  private static Database repairedAndOpened(String url) {
    try (Connection raw = java.sql.DriverManager.getConnection(url)) {
      update(raw, "UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '1'");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return Database.open(url);
  }

  @Test
  void aPostgresServerThatIsNotThereGivesAClearErrorWithoutThePassword() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String url =
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/vpp?user=vpp&password=s3cret-not-logged";
    assertThatThrownBy(() -> Database.open(url))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort + "/vpp")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    String missing = postgres.jdbcUrl("no_such_database");
    assertThatThrownBy(() -> Database.open(missing))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("no_such_database");
  }

  @Test
  void aFileThatIsNotADatabaseGivesAClearError() throws Exception {
    Path file = dir.resolve("garbage.db");
    Files.writeString(file, "this is not an SQLite database, but long enough to have a header...");
    assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + file))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining(file.toString());
    assertThat(Files.readString(file)).startsWith("this is not an SQLite database");
  }

  private static int insertBid(Connection c, String requestId, String salt) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO bid (request_id, node, power_w, price_per_kwh, salt, commitment, status,"
                + " created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, 'sealed', ?, ?)")) {
      ps.setString(1, requestId);
      ps.setString(2, NODE);
      ps.setLong(3, 5_000);
      ps.setString(4, "120000000000000000");
      ps.setString(5, salt);
      ps.setString(6, COMMITMENT);
      ps.setLong(7, 1_700_000_000_000L);
      ps.setLong(8, 1_700_000_000_000L);
      return ps.executeUpdate();
    }
  }

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  private static int addOne(Connection c, String lock) throws SQLException {
    String total;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT total FROM reward_ledger WHERE state = 'tip'" + lock)) {
      rs.next();
      total = rs.getString(1);
    }
    String next = Columns.amount(Columns.amountOf(total).add(java.math.BigInteger.ONE));
    return update(c, "UPDATE reward_ledger SET total = '" + next + "' WHERE state = 'tip'");
  }

  private static long bidCount(Database db) {
    return db.transaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bid")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static String salt(Database db, String requestId) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT salt FROM bid WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  private static String tipTotal(Database db) {
    return db.transaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT total FROM reward_ledger WHERE state = 'tip'")) {
            rs.next();
            return rs.getString(1);
          }
        });
  }
}
