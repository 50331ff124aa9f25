package org.openvpp.node.chain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.node.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the contracts' events block by block. Each poll applies the confirmed blocks after the
 * cursor (head minus {@code confirmations}); within the reorganization horizon it reads each block
 * by number, checks that its parent is the block it applied last, and reads the block's logs by
 * hash, so logs of a fork never mix in. A changed parent (or a changed hash at the cursor) rewinds
 * to the newest remembered block still on the chain, undoing the orphaned events newest first.
 * Every block is one database transaction: the events, the listeners' writes and the cursor commit
 * together, so a restart resumes exactly after the last committed block.
 *
 * <p>Blocking (JSON-RPC and JDBC): call {@link #poll} from one worker thread at a time.
 */
public final class ChainFollower {
  private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

  private final Database database;
  private final ChainReader chain;
  private final FollowerSettings settings;
  private final Map<String, List<Subscription<?>>> subscriptions = new ConcurrentHashMap<>();
  // Kept in memory for the node status: the head moves on every block, persisting it is no use.
  private final AtomicLong head = new AtomicLong(-1);

  public ChainFollower(Database database, ChainReader chain, FollowerSettings settings) {
    this.database = database;
    this.chain = chain;
    this.settings = settings;
  }

  /** Adds a listener; events already applied are not replayed to it. */
  public <E> ChainFollower subscribe(Subscription<E> subscription) {
    if (!settings.contracts().contains(subscription.contract().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "the follower does not watch " + subscription.contract() + ": add it to the settings");
    }
    subscriptions
        .computeIfAbsent(subscription.key(), k -> new CopyOnWriteArrayList<>())
        .add(subscription);
    return this;
  }

  /** The last applied block, if any. */
  public Optional<BlockHeader> cursor() {
    return database.transaction(FollowerStore::cursor);
  }

  /** The chain's newest block number as the last poll saw it; empty before the first poll. */
  public OptionalLong head() {
    long h = head.get();
    return h < 0 ? OptionalLong.empty() : OptionalLong.of(h);
  }

  /** Every recorded event in chain order. */
  public List<Log> events() {
    return database.transaction(FollowerStore::events);
  }

  /** Catches up with the confirmed chain once; answers what it did. */
  public PollResult poll() {
    long headNumber = chain.headNumber();
    head.set(headNumber);
    long target = headNumber - settings.confirmations();
    int applied = 0;
    int undone = undoIfCursorOrphaned();
    while (true) {
      Optional<BlockHeader> cursor = cursor();
      long next = cursor.map(c -> c.number() + 1).orElse(settings.startBlock());
      if (next > target) {
        return new PollResult(applied, undone, cursor);
      }
      if (target - next >= settings.reorgHorizon()) {
        long to = Math.min(target - settings.reorgHorizon(), next + settings.rangeBlocks() - 1);
        applied += applyRange(next, to);
        continue;
      }
      BlockHeader block = header(next);
      if (cursor.isPresent() && !block.parentHash().equals(cursor.get().hash())) {
        LOG.info("block {} does not extend applied block {}: rewinding", next, cursor.get());
        undone += rewind();
        continue;
      }
      applied += applyBlock(block, chain.logs(block.hash(), settings.contracts()));
    }
  }

  private BlockHeader header(long number) {
    return chain
        .header(number)
        .orElseThrow(() -> new ChainUnavailableException("block " + number + " vanished"));
  }

  private int undoIfCursorOrphaned() {
    Optional<BlockHeader> cursor = cursor();
    if (cursor.isEmpty()) {
      return 0;
    }
    Optional<BlockHeader> now = chain.header(cursor.get().number());
    if (now.isPresent() && now.get().hash().equals(cursor.get().hash())) {
      return 0;
    }
    LOG.info("applied block {} is no longer on the chain: rewinding", cursor.get());
    return rewind();
  }

  /** Finds the newest remembered block still on the chain and undoes everything above it. */
  private int rewind() {
    List<BlockHeader> remembered = database.transaction(FollowerStore::blocksNewestFirst);
    for (BlockHeader b : remembered) {
      Optional<BlockHeader> now = chain.header(b.number());
      if (now.isPresent() && now.get().hash().equals(b.hash())) {
        return undoAbove(b.number());
      }
    }
    throw new ReorgTooDeepException(
        "the chain changed below all "
            + remembered.size()
            + " remembered blocks; raise the reorg horizon (now "
            + settings.reorgHorizon()
            + ") and resynchronise");
  }

  private int undoAbove(long ancestor) {
    return database.transaction(
        c -> {
          List<Log> orphaned = FollowerStore.eventsAbove(c, ancestor);
          for (Log log : orphaned) {
            dispatch(c, log, false);
          }
          FollowerStore.deleteAbove(c, ancestor);
          LOG.info("undid {} events above block {}", orphaned.size(), ancestor);
          return orphaned.size();
        });
  }

  private int applyBlock(BlockHeader block, List<Log> logs) {
    return database.transaction(
        c -> {
          int applied = applyLogs(c, logs);
          FollowerStore.putBlock(c, block);
          FollowerStore.pruneBelow(c, block.number() - settings.reorgHorizon());
          return applied;
        });
  }

  /** Below the horizon blocks are final: one range read, and only the last block remembered. */
  private int applyRange(long from, long to) {
    BlockHeader last = header(to);
    List<Log> logs = chain.logs(from, to, settings.contracts());
    return database.transaction(
        c -> {
          int applied = applyLogs(c, logs);
          FollowerStore.putBlock(c, last);
          FollowerStore.pruneBelow(c, to - settings.reorgHorizon());
          return applied;
        });
  }

  private int applyLogs(Connection c, List<Log> logs) throws SQLException {
    List<Log> sorted = new ArrayList<>(logs);
    sorted.sort(
        (a, b) ->
            a.getBlockNumber().equals(b.getBlockNumber())
                ? a.getLogIndex().compareTo(b.getLogIndex())
                : a.getBlockNumber().compareTo(b.getBlockNumber()));
    int applied = 0;
    for (Log log : sorted) {
      if (log.isRemoved()) {
        continue; // a node's own reorg notice; the parent-hash check handles reorganizations
      }
      if (FollowerStore.insertEvent(c, log)) {
        dispatch(c, log, true);
        applied++;
      }
    }
    return applied;
  }

  private void dispatch(Connection c, Log log, boolean apply) throws SQLException {
    if (log.getTopics().isEmpty()) {
      return;
    }
    List<Subscription<?>> listeners =
        subscriptions.getOrDefault(
            Subscription.key(log.getAddress(), log.getTopics().get(0)), List.of());
    EventContext context =
        new EventContext(
            c,
            log.getBlockNumber().longValueExact(),
            log.getBlockHash().toLowerCase(Locale.ROOT),
            log.getLogIndex().longValueExact(),
            log.getTransactionHash().toLowerCase(Locale.ROOT));
    for (Subscription<?> s : listeners) {
      if (apply) {
        s.apply(log, context);
      } else {
        s.undo(log, context);
      }
    }
  }

  /**
   * What one poll did.
   *
   * @param applied events applied
   * @param undone events undone by reorganizations
   * @param cursor the last applied block afterwards
   */
  public record PollResult(int applied, int undone, Optional<BlockHeader> cursor) {}
}
