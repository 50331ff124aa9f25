package org.openvpp.node.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.Dialect;
import org.openvpp.node.store.ReopenedDatabase;
import org.openvpp.node.store.TestDatabase;

/**
 * {@link JdbcRewardBookStore} on a real SQLite file and a real PostgreSQL: the whole reward book
 * contract (a restart closes and reopens the database), plus what only a database can get wrong: a
 * save that fails half-way leaves the old book, and rows changed behind the node's back are refused
 * instead of giving roots or proofs Settlement would reject.
 */
@ExtendWith(PostgresExtension.class)
class JdbcRewardBookStoreIT {
  private static final String NODE = RewardBookContract.NODE;
  private static final String A = RewardBookContract.A;
  private static final String B = RewardBookContract.B;
  private static PostgresServer postgres;
  @TempDir static Path dir;

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  static String newDatabase(Dialect dialect) {
    return TestDatabase.fresh(dialect, dir, postgres);
  }

  abstract static class OnDatabase extends RewardBookContract {
    private final ReopenedDatabase db = new ReopenedDatabase();

    abstract Dialect dialect();

    @Override
    RewardBookStore open() {
      return new JdbcRewardBookStore(db.open(newDatabase(dialect())));
    }

    @Override
    RewardBookStore reopen() {
      return new JdbcRewardBookStore(db.reopen());
    }

    @Override
    void close() {
      db.close();
    }
  }

  @Nested
  class OnSqlite extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.SQLITE;
    }
  }

  @Nested
  class OnPostgres extends OnDatabase {
    @Override
    Dialect dialect() {
      return Dialect.POSTGRES;
    }
  }

  private static RewardLedger ledger(long a, long b) {
    return new RewardLedger(Map.of(A, BigInteger.valueOf(a), B, BigInteger.valueOf(b)));
  }

  /** finalized {A 100, B 10}, tip = pending evidence/2 {A 150, B 10}. */
  private static RewardBook started(Database db) {
    RewardBook book = new RewardBook(NODE, new JdbcRewardBookStore(db));
    book.submitted(RewardBookContract.R1, ledger(100, 10));
    book.finalized(RewardBookContract.R1);
    book.submitted(RewardBookContract.R2, ledger(150, 10));
    return book;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aSaveThatFailsHalfWayLeavesTheOldBook(Dialect dialect) {
    String url = newDatabase(dialect);
    RewardBookState before;
    try (Database db = Database.open(url)) {
      RewardBook book = started(db);
      before = book.state();
      // The new tip is written first, then the store fails on the pending ledger above uint256.
      java.util.TreeMap<SubmissionKey, RewardLedger> pending =
          new java.util.TreeMap<>(before.pending());
      pending.put(
          RewardBookContract.E7,
          new RewardLedger(Map.of(A, BigInteger.ONE.shiftLeft(256), B, BigInteger.TEN)));
      RewardBookState half = new RewardBookState(before.finalized(), ledger(200, 30), pending);
      assertThatThrownBy(() -> new JdbcRewardBookStore(db).save(NODE, half))
          .hasMessageContaining("uint256");
      assertThat(book.state()).isEqualTo(before);
      assertThat(count(db, "SELECT COUNT(*) FROM reward_ledger")).isEqualTo(3);
      assertThat(count(db, "SELECT COUNT(*) FROM reward_entry")).isEqualTo(6);
    }
    try (Database db = Database.open(url)) {
      assertThat(new JdbcRewardBookStore(db).load(NODE)).contains(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void onlyChangedLedgersAreRewrittenAndDroppedOnesLeaveNoRows(Dialect dialect) {
    try (Database db = Database.open(newDatabase(dialect))) {
      RewardBook book = started(db);
      sql(db, "UPDATE reward_ledger SET updated_ms = 1 WHERE state = 'finalized'");
      book.submitted(RewardBookContract.E7, ledger(150, 20));
      assertThat(count(db, "SELECT updated_ms FROM reward_ledger WHERE state = 'finalized'"))
          .as("the finalized ledger did not change and was not rewritten")
          .isEqualTo(1);
      book.dropped(RewardBookContract.E7);
      assertThat(count(db, "SELECT COUNT(*) FROM reward_ledger WHERE state = 'pending'")).isZero();
      assertThat(count(db, "SELECT COUNT(*) FROM reward_entry WHERE state = 'pending'")).isZero();
      assertThat(new JdbcRewardBookStore(db).load(NODE)).contains(book.state());
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBookChangedBehindTheNodesBackIsRefused(Dialect dialect) {
    try (Database db = Database.open(newDatabase(dialect))) {
      started(db);
      JdbcRewardBookStore store = new JdbcRewardBookStore(db);
      String[][] tamperings = {
        // an owner's amount raised: total and root no longer match
        {
          "UPDATE reward_entry SET amount = '101' WHERE state = 'finalized' AND owner = '"
              + A
              + "'",
          "total"
        },
        // amount and total raised together: the root gives it away
        {"UPDATE reward_ledger SET total = '111' WHERE state = 'finalized'", "root"},
        // the root swapped for another
        {"UPDATE reward_ledger SET root = '0x" + "00".repeat(32) + "' WHERE state = 'tip'", "root"},
      };
      String[] undo = {
        "UPDATE reward_entry SET amount = '100' WHERE state = 'finalized' AND owner = '" + A + "'",
        "UPDATE reward_ledger SET total = '110' WHERE state = 'finalized'",
      };
      sql(db, tamperings[0][0]);
      assertThatThrownBy(() -> store.load(NODE))
          .hasMessageContaining("malformed")
          .hasMessageContaining(tamperings[0][1]);
      sql(db, tamperings[1][0]);
      assertThatThrownBy(() -> store.load(NODE))
          .hasMessageContaining("malformed")
          .hasMessageContaining("finalized ledger")
          .hasMessageContaining(tamperings[1][1]);
      sql(db, undo[0]);
      sql(db, undo[1]);
      assertThat(store.load(NODE)).isPresent();
      String tipRoot = string(db, "SELECT root FROM reward_ledger WHERE state = 'tip'");
      sql(db, tamperings[2][0]);
      assertThatThrownBy(() -> new RewardBook(NODE, store))
          .hasMessageContaining("tip ledger")
          .hasMessageContaining(tamperings[2][1]);
      sql(db, "UPDATE reward_ledger SET root = '" + tipRoot + "' WHERE state = 'tip'");
      assertThat(store.load(NODE)).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aPendingLedgerWithoutASubmissionKeyOrABookWithoutItsTipIsRefused(Dialect dialect) {
    try (Database db = Database.open(newDatabase(dialect))) {
      JdbcRewardBookStore store = new JdbcRewardBookStore(db);
      sql(
          db,
          "INSERT INTO reward_ledger (node, state, pending_for, root, total, updated_ms)"
              + " VALUES ('"
              + NODE
              + "', 'pending', 'bid/2', NULL, '0', 1)");
      assertThatThrownBy(() -> store.load(NODE)).hasMessageContaining("not a submission key");
      sql(db, "UPDATE reward_ledger SET pending_for = 'evidence/2'");
      assertThatThrownBy(() -> store.load(NODE)).hasMessageContaining("lacks its tip");
    }
  }

  private static void sql(Database db, String statement) {
    db.transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
          }
        });
  }

  private static long count(Database db, String query) {
    return db.transaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  private static String string(Database db, String query) {
    return db.transaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getString(1);
          }
        });
  }
}
