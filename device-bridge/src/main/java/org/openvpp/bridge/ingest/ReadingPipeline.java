package org.openvpp.bridge.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.store.StoreException;
import org.openvpp.bridge.store.StoredReading;
import org.openvpp.bridge.verify.CursorTable;
import org.openvpp.bridge.verify.DeviceCursor;
import org.openvpp.bridge.verify.ReadingVerifier;
import org.openvpp.bridge.verify.RejectionCounter;
import org.openvpp.bridge.verify.RejectionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify, then store, then acknowledge. Readings are partitioned by device over N verifier threads
 * (so one device's readings stay in order and signature recovery uses every core); one writer
 * thread stores accepted readings in batches and hands them to the sink only once durable. The
 * {@link ReceiptLedger} turns stored (and finally rejected) sequences into receipts that never
 * cover a missing one.
 */
public final class ReadingPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadingPipeline.class);
  private static final int QUEUE_CAPACITY = 10_000;
  private static final int MAX_BATCH = 2_000;
  private static final long DRAIN_MS = 5_000;

  /**
   * Rejections decided by the signed content and its stored neighbours, after the signature proved
   * the device sent it: re-sending the same bytes gets the same verdict, so the sequence is settled
   * and may be receipted. Not CLOCK_SKEW (the same reading passes once the node's clock catches
   * up), nor DUPLICATE or REPLAYED_SEQUENCE (that sequence is settled by the reading stored for
   * it).
   */
  static final Set<RejectionReason> SETTLING =
      EnumSet.of(
          RejectionReason.STALE,
          RejectionReason.TIME_ROLLBACK,
          RejectionReason.REGISTER_ROLLBACK,
          RejectionReason.IMPLAUSIBLE_ENERGY);

  private final ReadingVerifier verifier;
  private final ReadingStore store;
  private final CursorTable cursors;
  private final ReceiptLedger receipts;
  private final RejectionCounter counter;
  private final RejectionLog rejectionLog;
  private final PipelineSink sink;
  private final Clock clock;
  private final List<BlockingQueue<Item>> partitions = new ArrayList<>();
  private final BlockingQueue<Pending> toStore = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong stored = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean storing = true;
  private final List<Thread> verifiers = new ArrayList<>();
  private final Thread storer;
  private final BatchVerification batches;

  public ReadingPipeline(
      ReadingVerifier verifier,
      ReadingStore store,
      RejectionCounter counter,
      RejectionLog rejectionLog,
      PipelineSink sink,
      Clock clock,
      int verifierThreads) {
    this.verifier = verifier;
    this.store = store;
    Map<String, DeviceCursor> durable = store.cursors();
    this.cursors = new CursorTable(durable);
    Map<String, Long> highest = new HashMap<>();
    durable.forEach((device, cursor) -> highest.put(device, cursor.sequence()));
    this.receipts = new ReceiptLedger(store.receipts(), highest, store::storedRunEnd);
    this.counter = counter;
    this.rejectionLog = rejectionLog;
    this.sink = sink;
    this.clock = clock;
    this.batches = new BatchVerification(this, verifier, cursors);
    for (int i = 0; i < verifierThreads; i++) {
      BlockingQueue<Item> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
      partitions.add(queue);
      verifiers.add(thread("bridge-verify-" + i, () -> verifyLoop(queue)));
    }
    storer = thread("bridge-store", this::storeLoop);
  }

  private static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * Queues a message from a device's reading topic; blocks when the pipeline is full. After {@link
   * #close} began, the message is left unacknowledged (the broker keeps it for the next session).
   */
  public void submit(String topicDevice, MqttMessage message) {
    if (!running) {
      return;
    }
    enqueue(new Item(topicDevice, message, false, clock.millis()));
  }

  /**
   * Queues a message from a device's batch topic ({@code readings}); its readings are verified in
   * order on the device's partition, each as if it had come alone, and the message is acknowledged
   * once every one of them is stored or rejected.
   */
  public void submitBatch(String topicDevice, MqttMessage message) {
    if (!running) {
      return;
    }
    enqueue(new Item(topicDevice, message, true, clock.millis()));
  }

  private void enqueue(Item item) {
    int p = Math.floorMod(item.topicDevice().hashCode(), partitions.size());
    try {
      partitions.get(p).put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rejects a message outright (for example on a topic that names no device). */
  public void reject(String source, MqttMessage message, RejectionReason reason, String detail) {
    counter.increment(reason);
    rejectionLog.log(source, reason, detail);
    sink.rejected(message, reason);
  }

  /**
   * Dead-letters a message whose handling threw: counted as {@link RejectionReason#HANDLER_FAILED},
   * logged, and acknowledged so it does not hold a receive slot for ever. A reading dead-lettered
   * here is not receipted, so its device re-sends it.
   */
  public void deadLetter(String source, MqttMessage message, RuntimeException failure) {
    LOG.error("handling a message on {} failed; it is dead-lettered", message.topic(), failure);
    try {
      reject(source, message, RejectionReason.HANDLER_FAILED, failure.toString());
    } catch (RuntimeException e) {
      LOG.error("dead-lettering a message on {} failed too", message.topic(), e);
    }
  }

  /** Acknowledges a message that is not a reading once it has been handled. */
  public void acknowledge(MqttMessage message) {
    sink.handled(message);
  }

  public long storedCount() {
    return stored.get();
  }

  /** The sequence up to which every reading of the device is settled: what a receipt may say. */
  public long receiptFrontier(String device) {
    return receipts.frontier(device);
  }

  /** Runs until closed and the partition is drained: what was queued is verified and stored. */
  private void verifyLoop(BlockingQueue<Item> queue) {
    while (running || !queue.isEmpty()) {
      Item item;
      try {
        item = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (item == null) {
        continue;
      }
      try {
        if (item.batch()) {
          batches.verify(item);
        } else {
          verifyOne(item);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        deadLetter(item.topicDevice(), item.message(), e);
      }
    }
  }

  private void verifyOne(Item item) throws InterruptedException {
    Decoded<SignedReading> verdict =
        verifier.verify(item.topicDevice(), item.message().payload(), cursors);
    if (verdict.isOk()) {
      Delivery single = new Delivery(item.message(), 1);
      toStore.put(new Pending(single, verdict.value().get(), item.receivedMs()));
    } else {
      RejectionReason reason = verdict.reason().get();
      if (SETTLING.contains(reason)) {
        try {
          WireCodec.decodeReading(item.message().payload()).value().ifPresent(this::settleRejected);
        } catch (RuntimeException e) {
          LOG.error("settling a rejected reading failed; its device re-sends it", e);
        }
      }
      reject(item.topicDevice(), item.message(), reason, verdict.detail());
    }
  }

  /** A correctly signed reading rejected for its content: its sequence is settled. */
  void settleRejected(SignedReading s) {
    String device = s.reading().device();
    receipts
        .settle(device, List.of(s.reading().sequence()))
        .ifPresent(seq -> sink.receiptable(device, seq));
  }

  /** Hands a verified reading to the writer (blocks while its queue is full). */
  void store(Delivery delivery, SignedReading reading, long receivedMs)
      throws InterruptedException {
    toStore.put(new Pending(delivery, reading, receivedMs));
  }

  /** Counts and logs a rejection without acknowledging anything (a reading of a batch). */
  void count(String source, RejectionReason reason, String detail) {
    counter.increment(reason);
    rejectionLog.log(source, reason, detail);
  }

  /** Re-sends the device's current receipt (a re-sent reading that is already stored). */
  void resendReceipt(String device) {
    long frontier = receipts.frontier(device);
    if (frontier > 0) {
      sink.receiptable(device, frontier);
    }
  }

  /** Acknowledges a message whose last reading was just settled by a rejection. */
  void settledByRejection(Delivery delivery) {
    if (delivery.settleOne()) {
      sink.handled(delivery.message());
    }
  }

  private void storeLoop() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (storing || !toStore.isEmpty()) {
      try {
        Pending first = toStore.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        toStore.drainTo(batch, MAX_BATCH - 1);
        storeBatch(batch);
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** After a failed write, the durable state is the truth again for the next readings. */
  private void resetCursors() {
    try {
      cursors.reset(store.cursors());
    } catch (StoreException e) {
      LOG.error("reloading cursors failed", e);
    }
  }

  private void storeBatch(List<Pending> batch) {
    List<StoredReading> rows = new ArrayList<>(batch.size());
    for (Pending a : batch) {
      rows.add(new StoredReading(a.reading(), a.receivedMs()));
    }
    try {
      store.append(rows);
    } catch (StoreException e) {
      LOG.error(
          "storing {} readings failed; they are not acknowledged, devices re-send them",
          batch.size(),
          e);
      resetCursors();
      return;
    }
    stored.addAndGet(batch.size());
    // Durable, so settled first: whoever sees the acknowledgement also sees the receipt state.
    try {
      settleStored(batch);
    } catch (RuntimeException e) {
      // The readings are durable; only their receipt waits: the device re-sends, and the next
      // settled reading of the device or its duplicate brings the receipt.
      LOG.error("updating receipts after storing {} readings failed", batch.size(), e);
    }
    List<Accepted> accepted = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      accepted.add(
          new Accepted(
              p.delivery().message(), p.reading(), p.receivedMs(), p.delivery().settleOne()));
    }
    try {
      sink.stored(accepted);
    } catch (RuntimeException e) {
      LOG.error(
          "acknowledging {} stored readings failed; the broker will redeliver them and they"
              + " will be answered as duplicates",
          batch.size(),
          e);
    }
  }

  private void settleStored(List<Pending> batch) {
    Map<String, List<Long>> byDevice = new HashMap<>();
    for (Pending a : batch) {
      byDevice
          .computeIfAbsent(a.reading().reading().device(), d -> new ArrayList<>())
          .add(a.reading().reading().sequence());
    }
    byDevice.forEach(
        (device, sequences) -> {
          OptionalLong frontier = receipts.settle(device, sequences);
          if (frontier.isPresent()) {
            sink.receiptable(device, frontier.getAsLong());
          }
        });
  }

  /**
   * Stops taking messages, then drains: every message already queued is verified, stored and handed
   * to the sink (acknowledged) before this returns, within a few seconds per stage. Close the MQTT
   * connection only after this, or stored readings stay unacknowledged.
   */
  @Override
  public void close() {
    running = false;
    verifiers.forEach(ReadingPipeline::join);
    storing = false;
    join(storer);
  }

  private static void join(Thread t) {
    try {
      t.join(DRAIN_MS);
      if (t.isAlive()) {
        LOG.warn("{} did not finish within {} ms; what it holds is not acknowledged", t, DRAIN_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A message from a reading topic ({@code batch}: from the batch topic). */
  record Item(String topicDevice, MqttMessage message, boolean batch, long receivedMs) {}

  private record Pending(Delivery delivery, SignedReading reading, long receivedMs) {}

  /**
   * A durably stored reading and the message that carried it.
   *
   * @param completesMessage whether this reading was the message's last one to settle: acknowledge
   *     the message now (a batch is acknowledged once, when all its readings are settled)
   */
  public record Accepted(
      MqttMessage message, SignedReading reading, long receivedMs, boolean completesMessage) {}

  /** Receives the pipeline's outcomes, on pipeline threads. */
  public interface PipelineSink {
    /** The readings are durable: acknowledge them. */
    void stored(List<Accepted> batch);

    /** The message was rejected: acknowledge it so the broker does not redeliver it. */
    void rejected(MqttMessage message, RejectionReason reason);

    /** A control message was handled: acknowledge it. */
    void handled(MqttMessage message);

    /**
     * Every reading of the device up to {@code sequence} is settled (stored, or finally rejected):
     * the device may be receipted up to there.
     */
    void receiptable(String device, long sequence);
  }
}
