package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvpp.contracts.testing.PostgresExtension;
import org.openvpp.contracts.testing.PostgresServer;
import org.openvpp.node.api.model.OwnerLimits;
import org.openvpp.node.api.model.StoredOwnerLimits;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.DatabaseException;
import org.openvpp.node.store.Dialect;
import org.openvpp.node.store.TestDatabase;

/**
 * Owner limits set through the API are kept in the node's database and survive a restart of the API
 * and of the database, on an SQLite file and on a real PostgreSQL server.
 */
@ExtendWith(PostgresExtension.class)
class StoredOwnerLimitsIT {
  private static final String LIMITS = "/v1/devices/" + ApiHarness.DEVICE + "/limits";
  private static PostgresServer postgres;

  @TempDir Path dir;

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  private String url(Dialect dialect) {
    return TestDatabase.url(dialect, dir.resolve("state/node.db"), postgres);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void limitsSetThroughTheApiSurviveARestart(Dialect dialect) throws Exception {
    String url = url(dialect);
    try (Database db = Database.open(url);
        ApiHarness api =
            new ApiHarness(dir.resolve("a"), s -> s.withLimits(new StoredOwnerLimits(db)))) {
      String body = "{\"minSocPermille\":300,\"reserveWh\":2500,\"departureMs\":1767254400000}";
      assertThat(api.put(LIMITS, body, api.token()).statusCode()).isEqualTo(200);
      String replaced = "{\"minSocPermille\":310,\"reserveWh\":2500,\"departureMs\":1767254400000}";
      assertThat(api.put(LIMITS, replaced, api.token()).statusCode()).isEqualTo(200);
      // A refused write leaves the stored row alone.
      assertThat(api.put(LIMITS, "{\"minSocPermille\":-1}", api.token()).statusCode())
          .isEqualTo(400);
    }
    try (Database db = Database.open(url);
        ApiHarness api =
            new ApiHarness(dir.resolve("b"), s -> s.withLimits(new StoredOwnerLimits(db)))) {
      JsonObject limits = new JsonObject(api.get(LIMITS).body());
      assertThat(limits.getInteger("minSocPermille")).isEqualTo(310);
      assertThat(limits.getLong("reserveWh")).isEqualTo(2500);
      assertThat(limits.getLong("departureMs")).isEqualTo(1767254400000L);
      assertThat(limits.getLong("updatedAtMs")).isPositive();
      assertThat(new StoredOwnerLimits(db).get("0x" + "ab".repeat(20))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theTableRefusesWhatTheApiWouldRefuse(Dialect dialect) {
    try (Database db = Database.open(url(dialect))) {
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c ->
                          c.createStatement()
                              .executeUpdate(
                                  "INSERT INTO owner_limits VALUES ('"
                                      + ApiHarness.DEVICE
                                      + "', 1001, 0, 0, 0)")))
          .isInstanceOf(DatabaseException.class);
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c ->
                          c.createStatement()
                              .executeUpdate(
                                  "INSERT INTO owner_limits VALUES ('0xABC', 1, 0, 0, 0)")))
          .isInstanceOf(DatabaseException.class);
      StoredOwnerLimits store = new StoredOwnerLimits(db);
      store.put(ApiHarness.DEVICE.toUpperCase().replace("0X", "0x"), new OwnerLimits(5, 6, 7, 8));
      assertThat(store.get(ApiHarness.DEVICE)).contains(new OwnerLimits(5, 6, 7, 8));
    }
  }
}
