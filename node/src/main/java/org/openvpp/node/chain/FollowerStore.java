package org.openvpp.node.chain;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The follower's tables ({@code chain_block}, {@code chain_event}); every call joins a transaction.
 */
final class FollowerStore {
  private FollowerStore() {}

  /** The highest block applied: the cursor. */
  static Optional<BlockHeader> cursor(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT number, hash, parent_hash FROM chain_block ORDER BY number DESC LIMIT 1")) {
      List<BlockHeader> rows = headers(s);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  /** Every remembered block, newest first. */
  static List<BlockHeader> blocksNewestFirst(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT number, hash, parent_hash FROM chain_block ORDER BY number DESC")) {
      return headers(s);
    }
  }

  static void putBlock(Connection c, BlockHeader b) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO chain_block (number, hash, parent_hash) VALUES (?, ?, ?)")) {
      s.setLong(1, b.number());
      s.setString(2, b.hash());
      s.setString(3, b.parentHash());
      s.executeUpdate();
    }
  }

  /** Forgets remembered blocks below {@code number} (older than the horizon), never the cursor. */
  static void pruneBelow(Connection c, long number) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM chain_block WHERE number < ?"
                + " AND number < (SELECT MAX(number) FROM chain_block)")) {
      s.setLong(1, number);
      s.executeUpdate();
    }
  }

  /** Records an event; false if this (block hash, log index) was recorded already. */
  static boolean insertEvent(Connection c, Log log) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO chain_event"
                + " (block_hash, log_index, block_number, tx_hash, address, topics, data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (block_hash, log_index) DO NOTHING")) {
      s.setString(1, lower(log.getBlockHash()));
      s.setLong(2, log.getLogIndex().longValueExact());
      s.setLong(3, log.getBlockNumber().longValueExact());
      s.setString(4, lower(log.getTransactionHash()));
      s.setString(5, lower(log.getAddress()));
      s.setString(6, lower(String.join(",", log.getTopics())));
      s.setString(7, lower(log.getData()));
      return s.executeUpdate() == 1;
    }
  }

  /** Events in blocks above {@code number}, newest first (the order to undo them). */
  static List<Log> eventsAbove(Connection c, long number) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT block_hash, log_index, block_number, tx_hash, address, topics, data"
                + " FROM chain_event WHERE block_number > ?"
                + " ORDER BY block_number DESC, log_index DESC")) {
      s.setLong(1, number);
      List<Log> logs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          logs.add(log(r));
        }
      }
      return logs;
    }
  }

  /** Every recorded event in chain order (for inspection and tests). */
  static List<Log> events(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT block_hash, log_index, block_number, tx_hash, address, topics, data"
                + " FROM chain_event ORDER BY block_number, log_index")) {
      List<Log> logs = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          logs.add(log(r));
        }
      }
      return logs;
    }
  }

  static void deleteAbove(Connection c, long number) throws SQLException {
    for (String sql :
        List.of(
            "DELETE FROM chain_event WHERE block_number > ?",
            "DELETE FROM chain_block WHERE number > ?")) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, number);
        s.executeUpdate();
      }
    }
  }

  private static Log log(ResultSet r) throws SQLException {
    Log log = new Log();
    log.setBlockHash(r.getString(1));
    log.setLogIndex(hex(r.getLong(2)));
    log.setBlockNumber(hex(r.getLong(3)));
    log.setTransactionHash(r.getString(4));
    log.setAddress(r.getString(5));
    log.setTopics(Arrays.asList(r.getString(6).split(",")));
    log.setData(r.getString(7));
    return log;
  }

  private static String hex(long n) {
    return "0x" + BigInteger.valueOf(n).toString(16);
  }

  private static List<BlockHeader> headers(PreparedStatement s) throws SQLException {
    List<BlockHeader> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(new BlockHeader(r.getLong(1), r.getString(2), r.getString(3)));
      }
    }
    return rows;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
