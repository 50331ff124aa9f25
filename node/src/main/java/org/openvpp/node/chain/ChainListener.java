package org.openvpp.node.chain;

import java.sql.SQLException;

/**
 * Hears one kind of contract event. {@code apply} runs once per event of the canonical chain;
 * {@code undo} runs when a reorganization removes an event that was applied, newest first. Both run
 * inside the follower's database transaction: throwing rolls the whole block back and the follower
 * retries it on the next poll, so side effects outside the database must be idempotent.
 *
 * @param <E> the decoded event (a generated wrapper's event response)
 */
public interface ChainListener<E> {
  void apply(E event, EventContext context) throws SQLException;

  void undo(E event, EventContext context) throws SQLException;
}
