package org.openvpp.bridge.ingest;

import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the node may receipt to each device (protocol §5.4): the end of the gap-free run of
 * sequences it has settled, starting at the device's first sequence, 1. A sequence is settled when
 * its reading is durably stored, or when the device's own signed reading with that sequence was
 * rejected for its content (re-sending the same signed bytes can never change that verdict). A
 * receipt never covers a missing sequence: readings above a gap wait here until the gap is filled
 * by the device's retransmission, because the device deletes everything up to the receipted
 * sequence.
 *
 * <p>Thread-safe; each device's state is guarded by its own lock.
 */
public final class ReceiptLedger {
  /** Looks up, in the durable store, the end of the stored run that follows a sequence. */
  @FunctionalInterface
  public interface StoredRun {
    /** The highest {@code n ≥ after} such that every sequence in {@code (after, n]} is stored. */
    long endAfter(String device, long after);
  }

  private final StoredRun stored;
  private final Map<String, DeviceLedger> devices = new ConcurrentHashMap<>();

  /**
   * @param receipted the frontier each device was last receipted, as persisted (never beyond what
   *     was settled then)
   * @param highestStored the highest stored sequence of each device: a device whose stored readings
   *     reach beyond its frontier has readings above a gap that this process has not seen yet
   * @param stored finds the stored run after a frontier (at start and when a gap closes)
   */
  public ReceiptLedger(
      Map<String, Long> receipted, Map<String, Long> highestStored, StoredRun stored) {
    this.stored = stored;
    highestStored.forEach(
        (device, highest) -> {
          long from = receipted.getOrDefault(device, 0L);
          DeviceLedger d = new DeviceLedger(stored.endAfter(device, from), highest);
          devices.put(device, d);
        });
    receipted.forEach(
        (device, seq) -> devices.computeIfAbsent(device, k -> new DeviceLedger(seq, seq)));
  }

  /** A ledger with nothing stored yet. */
  public static ReceiptLedger empty() {
    return new ReceiptLedger(Map.of(), Map.of(), (device, after) -> after);
  }

  /**
   * Marks sequences of one device settled; returns the new receipt frontier if it moved, else
   * empty.
   */
  public OptionalLong settle(String device, Iterable<Long> sequences) {
    DeviceLedger d = devices.computeIfAbsent(device, k -> new DeviceLedger(0, 0));
    synchronized (d) {
      long before = d.frontier;
      for (long seq : sequences) {
        if (seq > d.frontier) {
          d.above.add(seq);
        }
      }
      d.advance(device, stored);
      return d.frontier > before ? OptionalLong.of(d.frontier) : OptionalLong.empty();
    }
  }

  /** The sequence up to which every reading of the device is settled (0: none yet). */
  public long frontier(String device) {
    DeviceLedger d = devices.get(device);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      return d.frontier;
    }
  }

  /** How many settled sequences of the device wait above a gap (for tests and metrics). */
  public int waitingAboveGap(String device) {
    DeviceLedger d = devices.get(device);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      return d.above.size();
    }
  }

  private static final class DeviceLedger {
    private long frontier;
    private final NavigableSet<Long> above = new TreeSet<>();

    /** Stored before this process started and not yet merged into the frontier. */
    private long unseenUpTo;

    DeviceLedger(long frontier, long highestStored) {
      this.frontier = frontier;
      this.unseenUpTo = highestStored;
    }

    void advance(String device, StoredRun stored) {
      boolean moved = false; // since the store was last asked
      while (true) {
        while (!above.isEmpty() && above.first() <= frontier) {
          above.pollFirst();
        }
        if (!above.isEmpty() && above.first() == frontier + 1) {
          frontier = above.pollFirst();
          moved = true;
          continue;
        }
        if (moved && unseenUpTo > frontier) {
          // Readings stored by an earlier run may sit above the gap just closed.
          moved = false;
          long end = stored.endAfter(device, frontier);
          if (end > frontier) {
            frontier = end;
            continue;
          }
        }
        return;
      }
    }
  }
}
