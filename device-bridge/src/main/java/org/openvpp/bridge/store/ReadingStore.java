package org.openvpp.bridge.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.verify.DeviceCursor;

/**
 * Durable storage of accepted readings. {@link #append} returns only when the batch is durable; the
 * bridge acknowledges readings after that. SQLite today, PostgreSQL later, same contract.
 */
public interface ReadingStore extends AutoCloseable {
  /** Stores the readings atomically and durably; readings already stored are ignored. */
  void append(List<StoredReading> batch);

  /** The last stored reading's counters of every device. */
  Map<String, DeviceCursor> cursors();

  Optional<SignedReading> find(String device, long sequence);

  /** The stored reading with the highest sequence below {@code sequence}. */
  Optional<SignedReading> previous(String device, long sequence);

  /** The stored reading with the lowest sequence above {@code sequence}. */
  Optional<SignedReading> next(String device, long sequence);

  /** Readings of one device with sequence in [fromSequence, toSequence], in order. */
  List<SignedReading> readings(String device, long fromSequence, long toSequence);

  long count();

  /**
   * The highest {@code n ≥ after} such that every sequence of the device in {@code (after, n]} is
   * stored: where the gap-free run that follows {@code after} ends.
   */
  long storedRunEnd(String device, long after);

  /** The receipt frontier last saved for each device (protocol §5.4). */
  Map<String, Long> receipts();

  /**
   * Durably records receipt frontiers before they are sent; a frontier never moves back (a lower
   * value than the saved one is ignored).
   */
  void saveReceipts(Map<String, Long> receipts);

  @Override
  void close();
}
