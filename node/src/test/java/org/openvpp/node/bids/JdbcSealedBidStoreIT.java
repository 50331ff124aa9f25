package org.openvpp.node.bids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.market.SealedBid;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.DatabaseException;
import org.openvpp.node.store.Dialect;
import org.openvpp.node.store.ReopenedDatabase;
import org.openvpp.node.store.TestDatabase;

/**
 * {@link JdbcSealedBidStore} on a real SQLite file and a real PostgreSQL: the whole sealed-bid
 * contract (a restart closes and reopens the database), plus what only a database can get wrong:
 * rows changed behind the node's back are refused, not revealed.
 */
@ExtendWith(PostgresExtension.class)
class JdbcSealedBidStoreIT {
  private static PostgresServer postgres;
  @TempDir static Path dir;

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  static String newDatabase(Dialect dialect) {
    return TestDatabase.fresh(dialect, dir, postgres);
  }

  abstract static class OnDatabase extends SealedBidBookContract {
    private final ReopenedDatabase db = new ReopenedDatabase();

    abstract Dialect dialect();

    @Override
    SealedBidStore open() {
      return new JdbcSealedBidStore(db.open(newDatabase(dialect())));
    }

    @Override
    SealedBidStore reopen() {
      return new JdbcSealedBidStore(db.reopen());
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

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theSaltIsCommittedWhenSealReturns(Dialect dialect) throws SQLException {
    String url = newDatabase(dialect);
    try (Database db = Database.open(url)) {
      SealedBid bid =
          new SealedBidBook(SealedBidBookContract.NODE, new JdbcSealedBidStore(db))
              .seal(SealedBidBookContract.R, 3_000, SealedBidBookContract.PRICE);
      // A connection of its own, outside the node's pool, sees only what was committed.
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT salt, commitment, status FROM bid")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo(org.openvpp.node.store.Columns.hex(bid.salt()));
        assertThat(r.getString(2)).isEqualTo(org.openvpp.node.store.Columns.hex(bid.commitment()));
        assertThat(r.getString(3)).isEqualTo("sealed");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRowChangedBehindTheNodesBackIsRefusedNotRevealed(Dialect dialect) {
    try (Database db = Database.open(newDatabase(dialect))) {
      JdbcSealedBidStore store = new JdbcSealedBidStore(db);
      SealedBidBook book = new SealedBidBook(SealedBidBookContract.NODE, store);
      book.seal(SealedBidBookContract.R, 3_000, SealedBidBookContract.PRICE);
      book.committed(SealedBidBookContract.R);
      // A lower price with the old commitment: revealing it would fail on chain and lose the
      // deposit, so the store refuses the row.
      sql(db, "UPDATE bid SET price_per_kwh = '1'");
      assertThatThrownBy(() -> book.toReveal(SealedBidBookContract.R))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("malformed")
          .hasMessageContaining("commitment");
      assertThatThrownBy(book::pendingReveals).hasMessageContaining("malformed");
      sql(db, "UPDATE bid SET price_per_kwh = '" + SealedBidBookContract.PRICE + "'");
      assertThat(book.pendingReveals()).hasSize(1);

      sql(db, "UPDATE bid SET salt = '0x" + "ab".repeat(32) + "'");
      assertThatThrownBy(() -> book.toReveal(SealedBidBookContract.R))
          .hasMessageContaining("malformed");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theTableRefusesValuesOutOfShape(Dialect dialect) {
    try (Database db = Database.open(newDatabase(dialect))) {
      new SealedBidBook(SealedBidBookContract.NODE, new JdbcSealedBidStore(db))
          .seal(SealedBidBookContract.R, 3_000, SealedBidBookContract.PRICE);
      for (String bad :
          new String[] {
            "UPDATE bid SET salt = upper(salt)",
            "UPDATE bid SET salt = substr(salt, 1, 64)",
            "UPDATE bid SET status = 'lost'",
            "UPDATE bid SET request_id = '05'",
            "UPDATE bid SET price_per_kwh = '-1'",
            "UPDATE bid SET node = '0x00000000000000000000000000000000000000EE'",
            "UPDATE bid SET power_w = 0"
          }) {
        assertThatThrownBy(() -> sql(db, bad)).as(bad).isInstanceOf(DatabaseException.class);
      }
      assertThat(
              new JdbcSealedBidStore(db)
                  .find(SealedBidBookContract.NODE, SealedBidBookContract.R)
                  .orElseThrow()
                  .status())
          .isEqualTo(BidStatus.SEALED);
    }
  }

  private static int sql(Database db, String statement) {
    return db.transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
          }
        });
  }
}
