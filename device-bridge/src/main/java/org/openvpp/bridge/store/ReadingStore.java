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

  @Override
  void close();
}
