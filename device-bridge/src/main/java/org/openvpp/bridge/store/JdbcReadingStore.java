package org.openvpp.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.DeviceCursor;

/**
 * The {@link ReadingStore} operations on top of {@link ReadingQueries}; a subclass says how it gets
 * a connection, locks and commits ({@link #read}, {@link #write}) and how it closes.
 */
abstract class JdbcReadingStore implements ReadingStore {
  private final ReadingQueries queries;

  JdbcReadingStore(ReadingQueries queries) {
    this.queries = queries;
  }

  /** Runs {@code work}; a failure becomes a {@link StoreException} naming {@code what}. */
  abstract <T> T read(String what, ReadingQueries.Read<T> work);

  /** Runs {@code work} in one transaction and returns only after the commit. */
  abstract void write(String what, ReadingQueries.Write work);

  /** Rolls back after {@code cause}; a failing rollback is kept as suppressed, not thrown. */
  static void rollbackQuietly(Connection c, SQLException cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void append(List<StoredReading> batch) {
    if (batch.isEmpty()) {
      return;
    }
    write("storing " + batch.size() + " readings", c -> queries.insert(c, batch));
  }

  @Override
  public void saveReceipts(Map<String, Long> receipts) {
    if (receipts.isEmpty()) {
      return;
    }
    write("saving " + receipts.size() + " receipts", c -> queries.saveReceipts(c, receipts));
  }

  @Override
  public Map<String, DeviceCursor> cursors() {
    return read("reading cursors", queries::cursors);
  }

  @Override
  public Optional<SignedReading> find(String device, long sequence) {
    List<SignedReading> found = readings(device, sequence, sequence);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Optional<SignedReading> previous(String device, long sequence) {
    return read("reading a neighbour of " + device, c -> queries.previous(c, device, sequence));
  }

  @Override
  public Optional<SignedReading> next(String device, long sequence) {
    return read("reading a neighbour of " + device, c -> queries.next(c, device, sequence));
  }

  @Override
  public List<SignedReading> readings(String device, long fromSequence, long toSequence) {
    return read(
        "reading readings of " + device,
        c -> queries.readings(c, device, fromSequence, toSequence));
  }

  @Override
  public long count() {
    return read("counting readings", queries::count);
  }

  @Override
  public long storedRunEnd(String device, long after) {
    return read("reading the stored run of " + device, c -> queries.storedRunEnd(c, device, after));
  }

  @Override
  public Map<String, Long> receipts() {
    return read("reading receipts", queries::receipts);
  }
}
