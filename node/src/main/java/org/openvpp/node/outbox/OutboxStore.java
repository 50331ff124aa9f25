package org.openvpp.node.outbox;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The outbox tables; every call joins the caller's transaction. */
final class OutboxStore {
  private static final String INTENT_COLUMNS =
      "idem_key, seq, sender, target, calldata, value_wei, state, nonce, gas_limit, tx_hash,"
          + " block_number, error";

  private OutboxStore() {}

  static Optional<StoredIntent> find(Connection c, String key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM outbox_intent WHERE idem_key = ?")) {
      s.setString(1, key);
      List<StoredIntent> rows = intents(s);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  static List<StoredIntent> inState(Connection c, IntentState state) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + INTENT_COLUMNS + " FROM outbox_intent WHERE state = ? ORDER BY seq")) {
      s.setString(1, state.name());
      return intents(s);
    }
  }

  static void insert(Connection c, Intent intent, String sender) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO outbox_intent (idem_key, seq, sender, target, calldata, value_wei, state)"
                + " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM outbox_intent")) {
      s.setString(1, intent.key());
      s.setString(2, sender);
      s.setString(3, intent.target());
      s.setString(4, intent.calldata());
      s.setString(5, intent.valueWei().toString());
      s.setString(6, IntentState.QUEUED.name());
      s.executeUpdate();
    }
  }

  static OptionalLong nextNonce(Connection c, String sender) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT next_nonce FROM outbox_nonce WHERE sender = ?")) {
      s.setString(1, sender);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  static void setNextNonce(Connection c, String sender, long next, boolean exists)
      throws SQLException {
    String sql =
        exists
            ? "UPDATE outbox_nonce SET next_nonce = ? WHERE sender = ?"
            : "INSERT INTO outbox_nonce (next_nonce, sender) VALUES (?, ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, next);
      s.setString(2, sender);
      s.executeUpdate();
    }
  }

  static void assignNonce(Connection c, String key, long nonce, BigInteger gasLimit)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE outbox_intent SET nonce = ?, gas_limit = ?, state = ? WHERE idem_key = ?")) {
      s.setLong(1, nonce);
      s.setString(2, gasLimit.toString());
      s.setString(3, IntentState.NONCED.name());
      s.setString(4, key);
      s.executeUpdate();
    }
  }

  static void setState(Connection c, String key, IntentState state) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE outbox_intent SET state = ? WHERE idem_key = ?")) {
      s.setString(1, state.name());
      s.setString(2, key);
      s.executeUpdate();
    }
  }

  static void finish(
      Connection c,
      String key,
      IntentState state,
      Optional<String> txHash,
      OptionalLong block,
      Optional<String> error)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE outbox_intent SET state = ?, tx_hash = ?, block_number = ?, error = ?"
                + " WHERE idem_key = ?")) {
      s.setString(1, state.name());
      s.setString(2, txHash.orElse(null));
      if (block.isPresent()) {
        s.setLong(3, block.getAsLong());
      } else {
        s.setNull(3, Types.BIGINT);
      }
      s.setString(4, error.orElse(null));
      s.setString(5, key);
      s.executeUpdate();
    }
  }

  static void insertAttempt(Connection c, Attempt a) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO outbox_attempt (tx_hash, idem_key, nonce, max_fee_wei, tip_wei, raw_tx,"
                + " signed_at_block, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, a.txHash());
      s.setString(2, a.key());
      s.setLong(3, a.nonce());
      s.setString(4, a.fees().maxFeeWei().toString());
      s.setString(5, a.fees().tipWei().toString());
      s.setString(6, a.rawTransaction());
      s.setLong(7, a.signedAtBlock());
      s.setInt(8, a.sent() ? 1 : 0);
      s.executeUpdate();
    }
  }

  static void markSent(Connection c, String txHash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE outbox_attempt SET sent = 1 WHERE tx_hash = ?")) {
      s.setString(1, txHash);
      s.executeUpdate();
    }
  }

  /** The intent's attempts, newest (highest fee) first. */
  static List<Attempt> attempts(Connection c, String key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT tx_hash, idem_key, nonce, max_fee_wei, tip_wei, raw_tx, signed_at_block, sent"
                + " FROM outbox_attempt WHERE idem_key = ?")) {
      s.setString(1, key);
      List<Attempt> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(
              new Attempt(
                  r.getString(1),
                  r.getString(2),
                  r.getLong(3),
                  new FeePolicy.Fees(
                      new BigInteger(r.getString(4)), new BigInteger(r.getString(5))),
                  r.getString(6),
                  r.getLong(7),
                  r.getInt(8) != 0));
        }
      }
      // Fees only ever rise between attempts: the highest fee is the newest.
      rows.sort((a, b) -> b.fees().maxFeeWei().compareTo(a.fees().maxFeeWei()));
      return rows;
    }
  }

  private static List<StoredIntent> intents(PreparedStatement s) throws SQLException {
    List<StoredIntent> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        long nonce = r.getLong(8);
        boolean hasNonce = !r.wasNull();
        long block = r.getLong(11);
        boolean hasBlock = !r.wasNull();
        rows.add(
            new StoredIntent(
                new Intent(
                    r.getString(1), r.getString(4), r.getString(5), new BigInteger(r.getString(6))),
                r.getLong(2),
                r.getString(3),
                IntentState.valueOf(r.getString(7)),
                hasNonce ? OptionalLong.of(nonce) : OptionalLong.empty(),
                Optional.ofNullable(r.getString(9)).map(BigInteger::new),
                Optional.ofNullable(r.getString(10)),
                hasBlock ? OptionalLong.of(block) : OptionalLong.empty(),
                Optional.ofNullable(r.getString(12))));
      }
    }
    return rows;
  }
}
