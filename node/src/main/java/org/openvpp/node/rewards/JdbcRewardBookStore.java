package org.openvpp.node.rewards;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.node.store.Columns;
import org.openvpp.node.store.Database;
import org.openvpp.node.store.Dialect;

/**
 * A node's reward book in the node's database (tables {@code reward_ledger} and {@code
 * reward_entry}, migration V1): one row per ledger ({@code tip}, {@code finalized}, one {@code
 * pending} per submission, {@code pending_for} = {@link SubmissionKey#toString()}) with its root
 * and total, and one row per owner and ledger with its cumulative amount.
 *
 * <p>{@link #save} replaces the node's ledgers in one transaction, so a crash leaves either the old
 * or the new book. It rewrites only the ledgers whose root or total changed (the finalized ledger
 * and the pending ones mostly stay). {@link #load} rebuilds each ledger from its owners and refuses
 * ({@link IllegalStateException}) a book whose stored root or total is not what its owners' amounts
 * give, whose pending key does not parse, or that lacks its tip or finalized ledger: the node would
 * otherwise post roots or hand out proofs Settlement rejects. Blocks (JDBC): call on a worker
 * thread.
 */
public final class JdbcRewardBookStore implements RewardBookStore {
  private static final String TIP = "tip";
  private static final String FINALIZED = "finalized";
  private static final String PENDING = "pending";

  private final Database db;
  private final Clock clock;

  public JdbcRewardBookStore(Database db) {
    this(db, Clock.systemUTC());
  }

  public JdbcRewardBookStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A ledger row's key within a node: its state and, when pending, its submission. */
  private record Slot(String state, String pendingFor) {}

  private record Stored(String root, String total) {}

  @Override
  public Optional<RewardBookState> load(String node) {
    String n = Columns.address(node);
    return db.transaction(
        c -> {
          Map<Slot, Stored> rows = ledgerRows(c, n, "");
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          Map<Slot, Map<String, BigInteger>> owners = entries(c, n);
          RewardLedger finalized = null;
          RewardLedger tip = null;
          TreeMap<SubmissionKey, RewardLedger> pending = new TreeMap<>();
          for (Map.Entry<Slot, Stored> row : rows.entrySet()) {
            Slot slot = row.getKey();
            RewardLedger ledger =
                checked(n, slot, row.getValue(), owners.getOrDefault(slot, Map.of()));
            switch (slot.state()) {
              case TIP -> tip = ledger;
              case FINALIZED -> finalized = ledger;
              case PENDING -> pending.put(key(n, slot), ledger);
              default -> throw malformed(n, slot, "unknown state");
            }
          }
          if (tip == null || finalized == null) {
            throw new IllegalStateException(
                "stored reward book of "
                    + n
                    + " is malformed: it lacks its tip or finalized ledger");
          }
          return Optional.of(new RewardBookState(finalized, tip, pending));
        });
  }

  @Override
  public void save(String node, RewardBookState state) {
    String n = Columns.address(node);
    Map<Slot, RewardLedger> next = new LinkedHashMap<>();
    next.put(new Slot(FINALIZED, ""), state.finalized());
    next.put(new Slot(TIP, ""), state.tip());
    state.pending().forEach((k, l) -> next.put(new Slot(PENDING, k.toString()), l));
    long now = clock.millis();
    db.transaction(
        c -> {
          // PostgreSQL: lock the node's rows against a second writer; SQLite has one writer.
          String lock = db.dialect() == Dialect.POSTGRES ? " FOR UPDATE" : "";
          Map<Slot, Stored> stored = ledgerRows(c, n, lock);
          for (Slot gone : stored.keySet()) {
            if (!next.containsKey(gone)) {
              delete(c, n, gone, "reward_entry");
              delete(c, n, gone, "reward_ledger");
            }
          }
          for (Map.Entry<Slot, RewardLedger> e : next.entrySet()) {
            Stored want = stored(e.getValue());
            Stored had = stored.get(e.getKey());
            if (want.equals(had)) {
              continue; // same owners and amounts (the root commits to them)
            }
            write(c, n, e.getKey(), e.getValue(), want, had != null, now);
          }
          return null;
        });
  }

  private static Stored stored(RewardLedger ledger) {
    return new Stored(
        ledger.isEmpty() ? null : Columns.hex(ledger.root()), Columns.amount(ledger.total()));
  }

  private static void write(
      Connection c,
      String node,
      Slot slot,
      RewardLedger ledger,
      Stored row,
      boolean exists,
      long now)
      throws SQLException {
    if (exists) {
      delete(c, node, slot, "reward_entry");
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE reward_ledger SET root = ?, total = ?, updated_ms = ?"
                  + " WHERE node = ? AND state = ? AND pending_for = ?")) {
        s.setString(1, row.root());
        s.setString(2, row.total());
        s.setLong(3, now);
        s.setString(4, node);
        s.setString(5, slot.state());
        s.setString(6, slot.pendingFor());
        s.executeUpdate();
      }
    } else {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO reward_ledger (node, state, pending_for, root, total, updated_ms)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, node);
        s.setString(2, slot.state());
        s.setString(3, slot.pendingFor());
        s.setString(4, row.root());
        s.setString(5, row.total());
        s.setLong(6, now);
        s.executeUpdate();
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO reward_entry (node, state, pending_for, owner, amount)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, BigInteger> e : new TreeMap<>(ledger.cumulative()).entrySet()) {
        s.setString(1, node);
        s.setString(2, slot.state());
        s.setString(3, slot.pendingFor());
        s.setString(4, Columns.address(e.getKey()));
        s.setString(5, Columns.amount(e.getValue()));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void delete(Connection c, String node, Slot slot, String table)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM " + table + " WHERE node = ? AND state = ? AND pending_for = ?")) {
      s.setString(1, node);
      s.setString(2, slot.state());
      s.setString(3, slot.pendingFor());
      s.executeUpdate();
    }
  }

  private static Map<Slot, Stored> ledgerRows(Connection c, String node, String lock)
      throws SQLException {
    Map<Slot, Stored> out = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT state, pending_for, root, total FROM reward_ledger WHERE node = ?" + lock)) {
      s.setString(1, node);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(
              new Slot(r.getString(1), r.getString(2)), new Stored(r.getString(3), r.getString(4)));
        }
      }
    }
    return out;
  }

  private static Map<Slot, Map<String, BigInteger>> entries(Connection c, String node)
      throws SQLException {
    Map<Slot, Map<String, BigInteger>> out = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT state, pending_for, owner, amount FROM reward_entry WHERE node = ?")) {
      s.setString(1, node);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Slot slot = new Slot(r.getString(1), r.getString(2));
          try {
            out.computeIfAbsent(slot, k -> new HashMap<>())
                .put(Columns.address(r.getString(3)), Columns.amountOf(r.getString(4)));
          } catch (IllegalArgumentException e) {
            throw malformed(node, slot, e.getMessage());
          }
        }
      }
    }
    return out;
  }

  /** The ledger the owners' amounts give, if it is the root and total stored beside them. */
  private static RewardLedger checked(
      String node, Slot slot, Stored row, Map<String, BigInteger> owners) {
    RewardLedger ledger = new RewardLedger(owners);
    Stored rebuilt = stored(ledger);
    if (!rebuilt.total().equals(row.total())) {
      throw malformed(
          node, slot, "total " + row.total() + " is not its owners' sum " + rebuilt.total());
    }
    if (!Objects.equals(rebuilt.root(), row.root())) {
      throw malformed(
          node, slot, "root " + row.root() + " is not its owners' root " + rebuilt.root());
    }
    return ledger;
  }

  private static SubmissionKey key(String node, Slot slot) {
    try {
      return SubmissionKey.parse(slot.pendingFor());
    } catch (IllegalArgumentException e) {
      throw malformed(node, slot, e.getMessage());
    }
  }

  private static IllegalStateException malformed(String node, Slot slot, String why) {
    String which =
        slot.pendingFor().isEmpty() ? slot.state() : slot.state() + " " + slot.pendingFor();
    return new IllegalStateException(
        "stored reward book of " + node + " is malformed (" + which + " ledger): " + why);
  }
}
