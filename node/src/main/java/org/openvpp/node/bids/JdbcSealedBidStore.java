package org.openvpp.node.bids;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openvpp.contracts.market.SealedBid;
import org.openvpp.node.store.Columns;
import org.openvpp.node.store.Database;

/**
 * Sealed bids in the node's database (table {@code bid}, migration V1). {@link #insert} commits
 * before it returns, so the salt is on disk before the commitment can be sent. Status moves only
 * forward in SQL too: the UPDATE names the statuses the bid may come from, so a second writer (or a
 * stale book) cannot take a bid back. A row that does not hold together (its commitment is not the
 * hash of its fields, or a value out of shape) is refused with {@link IllegalStateException}, never
 * revealed. Blocks (JDBC): call on a worker thread.
 */
public final class JdbcSealedBidStore implements SealedBidStore {
  private static final String COLUMNS =
      "request_id, node, power_w, price_per_kwh, salt, commitment, status";

  private final Database db;
  private final Clock clock;

  public JdbcSealedBidStore(Database db) {
    this(db, Clock.systemUTC());
  }

  public JdbcSealedBidStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public boolean insert(SealedBid bid) {
    long now = clock.millis();
    return db.transaction(
        c -> {
          // ON CONFLICT DO NOTHING is understood by SQLite (3.24+) and PostgreSQL alike.
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO bid (request_id, node, power_w, price_per_kwh, salt, commitment,"
                      + " status, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, 'sealed', ?, ?)"
                      + " ON CONFLICT (request_id, node) DO NOTHING")) {
            s.setString(1, Columns.amount(bid.requestId()));
            s.setString(2, Columns.address(bid.node()));
            s.setLong(3, bid.powerW());
            s.setString(4, Columns.amount(bid.pricePerKWh()));
            s.setString(5, Columns.hex(bid.salt()));
            s.setString(6, Columns.hex(bid.commitment()));
            s.setLong(7, now);
            s.setLong(8, now);
            return s.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<Entry> find(String node, BigInteger requestId) {
    return db.transaction(c -> find(c, Columns.address(node), Columns.amount(requestId)));
  }

  private static Optional<Entry> find(Connection c, String node, String requestId)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM bid WHERE node = ? AND request_id = ?")) {
      s.setString(1, node);
      s.setString(2, requestId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(entry(r)) : Optional.empty();
      }
    }
  }

  @Override
  public void update(String node, BigInteger requestId, BidStatus status) {
    String n = Columns.address(node);
    String id = Columns.amount(requestId);
    List<BidStatus> from =
        Arrays.stream(BidStatus.values()).filter(b -> b.mayBecome(status)).toList();
    if (from.isEmpty()) {
      throw new IllegalStateException("no bid can become " + status);
    }
    String placeholders = from.stream().map(b -> "?").collect(Collectors.joining(", "));
    String stamp =
        switch (status) {
          case COMMITTED -> ", committed_ms = ?";
          case REVEALED -> ", revealed_ms = ?";
          default -> "";
        };
    long now = clock.millis();
    db.transaction(
        c -> {
          int changed;
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE bid SET status = ?, updated_ms = ?"
                      + stamp
                      + " WHERE node = ? AND request_id = ? AND status IN ("
                      + placeholders
                      + ")")) {
            int i = 1;
            s.setString(i++, column(status));
            s.setLong(i++, now);
            if (!stamp.isEmpty()) {
              s.setLong(i++, now);
            }
            s.setString(i++, n);
            s.setString(i++, id);
            for (BidStatus b : from) {
              s.setString(i++, column(b));
            }
            changed = s.executeUpdate();
          }
          if (changed == 0) {
            BidStatus current =
                find(c, n, id)
                    .map(Entry::status)
                    .orElseThrow(() -> new IllegalStateException("no bid on request " + requestId));
            throw new IllegalStateException(
                "bid on request " + requestId + " cannot go from " + current + " to " + status);
          }
          return changed;
        });
  }

  @Override
  public List<Entry> withStatus(String node, BidStatus status) {
    return db.transaction(
        c -> {
          // Decimal text in numeric order: shorter first, then by digits.
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM bid WHERE node = ? AND status = ?"
                      + " ORDER BY length(request_id), request_id")) {
            s.setString(1, Columns.address(node));
            s.setString(2, column(status));
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(entry(r));
              }
            }
            return out;
          }
        });
  }

  static String column(BidStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Entry entry(ResultSet r) throws SQLException {
    String requestId = r.getString(1);
    String node = r.getString(2);
    try {
      SealedBid bid =
          new SealedBid(
              Columns.amountOf(requestId),
              Columns.address(node),
              r.getLong(3),
              Columns.amountOf(r.getString(4)),
              Columns.bytes(r.getString(5)));
      if (!Arrays.equals(bid.commitment(), Columns.bytes(r.getString(6)))) {
        throw new IllegalArgumentException("its commitment is not the hash of its fields");
      }
      String status = r.getString(7);
      BidStatus parsed =
          Arrays.stream(BidStatus.values())
              .filter(b -> column(b).equals(status))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("unknown status " + status));
      return new Entry(bid, parsed);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "stored bid on request " + requestId + " of " + node + " is malformed: " + e.getMessage(),
          e);
    }
  }
}
