package org.openvpp.node.api.model;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.openvpp.node.store.Columns;
import org.openvpp.node.store.Database;

/**
 * Owner limits in the node's database (table {@code owner_limits}, migration V310): a limit the
 * owner set survives a restart. Blocks (JDBC): the API calls it on a worker thread.
 */
public final class StoredOwnerLimits implements OwnerLimitsStore {
  private final Database db;

  public StoredOwnerLimits(Database db) {
    this.db = db;
  }

  @Override
  public Optional<OwnerLimits> get(String device) {
    return db.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT min_soc_permille, reserve_wh, departure_ms, updated_ms"
                      + " FROM owner_limits WHERE device = ?")) {
            s.setString(1, Columns.address(device));
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new OwnerLimits(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4)));
            }
          }
        });
  }

  @Override
  public void put(String device, OwnerLimits limits) {
    db.transaction(
        c -> {
          // ON CONFLICT ... DO UPDATE is understood by both SQLite (3.24+) and PostgreSQL.
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO owner_limits"
                      + " (device, min_soc_permille, reserve_wh, departure_ms, updated_ms)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET"
                      + " min_soc_permille = excluded.min_soc_permille,"
                      + " reserve_wh = excluded.reserve_wh,"
                      + " departure_ms = excluded.departure_ms,"
                      + " updated_ms = excluded.updated_ms")) {
            s.setString(1, Columns.address(device));
            s.setInt(2, limits.minSocPermille());
            s.setLong(3, limits.reserveWh());
            s.setLong(4, limits.departureMs());
            s.setLong(5, limits.updatedAtMs());
            return s.executeUpdate();
          }
        });
  }
}
