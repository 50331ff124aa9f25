package org.openvpp.bridge.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.bridge.fleet.DeviceState;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.DispatchCommand;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes dispatches: splits the target, sends node-signed commands, tracks acknowledgements
 * against a timeout measured on the injected clock, and re-dispatches the power of devices that
 * reject, time out or go offline to devices not yet used. Thread-safe (one lock).
 *
 * <p>A dispatch is active until its validity window ends, then finished: its report stays available
 * as the {@link DispatchRetention} says and is then dropped. {@link #tick} looks only at
 * acknowledgement deadlines that are due and at the active dispatches, never at the history.
 */
public final class DispatchExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchExecutor.class);

  private final Signer nodeSigner;
  private final FleetView fleet;
  private final CommandPublisher publisher;
  private final Clock clock;
  private final long ackTimeoutMs;
  private final AtomicLong nextCommandId;
  private final AtomicLong nextDispatchId = new AtomicLong(1);
  private final DispatchRetention retention;
  private final Map<Long, Dispatch> active = new LinkedHashMap<>();
  // In the order they finished, so the oldest is evicted first.
  private final Map<Long, Dispatch> finished = new LinkedHashMap<>();
  private final PriorityQueue<AckDeadline> ackDeadlines =
      new PriorityQueue<>(Comparator.comparingLong(AckDeadline::atMs));
  private int lastTickExamined;
  private final Map<Long, Long> dispatchOfCommand = new HashMap<>();
  private final Queue<DispatchCommand> outbox = new ConcurrentLinkedQueue<>();

  public DispatchExecutor(
      Signer nodeSigner,
      FleetView fleet,
      CommandPublisher publisher,
      Clock clock,
      long ackTimeoutMs) {
    this(nodeSigner, fleet, publisher, clock, ackTimeoutMs, DispatchRetention.DEFAULT);
  }

  public DispatchExecutor(
      Signer nodeSigner,
      FleetView fleet,
      CommandPublisher publisher,
      Clock clock,
      long ackTimeoutMs,
      DispatchRetention retention) {
    this.retention = retention;
    this.nodeSigner = nodeSigner;
    this.fleet = fleet;
    this.publisher = publisher;
    this.clock = clock;
    this.ackTimeoutMs = ackTimeoutMs;
    // Command ids only grow, also across restarts: milliseconds × 1000 + a counter.
    this.nextCommandId = new AtomicLong(clock.millis() * 1000);
    fleet.onOffline(this::deviceOffline);
  }

  /**
   * Starts a dispatch: change the fleet's power by {@code targetW} (W, + = more export / less
   * import, relative to each device's baseline) until {@code validUntilMs}.
   */
  public long dispatch(long targetW, long validUntilMs) {
    long id = nextDispatchId.getAndIncrement();
    synchronized (this) {
      Dispatch d = new Dispatch(id, targetW, validUntilMs);
      active.put(id, d);
      allocate(d);
    }
    flush();
    return id;
  }

  /** Handles a device's acknowledgement. */
  public void onAck(CommandAck ack) {
    long now = clock.millis();
    synchronized (this) {
      applyAck(ack, now);
    }
    flush();
  }

  private void applyAck(CommandAck ack, long now) {
    Long dispatchId = dispatchOfCommand.get(ack.commandId());
    if (dispatchId == null) {
      return;
    }
    Dispatch d = find(dispatchId);
    CommandOutcome c = d == null ? null : d.commands.get(ack.commandId());
    if (c == null || !c.live() || !c.allocation().device().equals(ack.device())) {
      return;
    }
    switch (ack.status()) {
      case ACCEPTED -> d.commands.put(ack.commandId(), c.accepted(ack.appliedPowerW(), now));
      case REJECTED, REVERTED -> fail(d, c, "device: " + ack.status() + " " + ack.reason());
      case COMPLETED -> {
        // The window ended or the command was released: nothing left to account.
      }
    }
  }

  /**
   * Fails commands whose acknowledgement is overdue and re-dispatches their power, finishes
   * dispatches whose window ended and evicts finished ones past their retention.
   */
  public void tick() {
    long now = clock.millis();
    synchronized (this) {
      int examined = failOverdue(now);
      for (Iterator<Dispatch> it = active.values().iterator(); it.hasNext(); ) {
        Dispatch d = it.next();
        examined++;
        if (now >= d.validUntilMs) {
          it.remove();
          d.finishedMs = now;
          finished.put(d.id, d);
        }
      }
      evictFinished(now);
      lastTickExamined = examined;
    }
    flush();
  }

  /** Pops the due acknowledgement deadlines; returns how many it looked at. */
  private int failOverdue(long now) {
    int examined = 0;
    for (AckDeadline due = ackDeadlines.peek();
        due != null && due.atMs() <= now;
        due = ackDeadlines.peek()) {
      ackDeadlines.poll();
      examined++;
      Dispatch d = active.get(due.dispatchId());
      CommandOutcome c = d == null ? null : d.commands.get(due.commandId());
      if (c == null || c.state() != CommandOutcome.State.PENDING) {
        continue; // acknowledged, failed, superseded or its dispatch finished
      }
      long deadline = c.sentMs() + ackTimeoutMs;
      if (deadline > now) {
        // Published later than queued (signing takes time): the clock runs from publication.
        ackDeadlines.add(new AckDeadline(deadline, d.id, c.commandId()));
      } else {
        fail(d, c, "no acknowledgement within " + ackTimeoutMs + " ms");
      }
    }
    return examined;
  }

  private void evictFinished(long now) {
    for (Iterator<Dispatch> it = finished.values().iterator(); it.hasNext(); ) {
      Dispatch d = it.next();
      if (finished.size() <= retention.maxFinished() && now - d.finishedMs < retention.keepMs()) {
        return; // the rest finished later
      }
      it.remove();
      d.commands.keySet().forEach(dispatchOfCommand::remove);
    }
  }

  /** Deadlines popped plus active dispatches checked by the last {@link #tick}. */
  synchronized int lastTickExamined() {
    return lastTickExamined;
  }

  private Dispatch find(long dispatchId) {
    Dispatch d = active.get(dispatchId);
    return d != null ? d : finished.get(dispatchId);
  }

  /** The dispatch's report while it is active or retained after it finished. */
  public synchronized Optional<DispatchReport> report(long dispatchId) {
    Dispatch d = find(dispatchId);
    if (d == null) {
      return Optional.empty();
    }
    long acknowledged = 0;
    long pending = 0;
    long measured = 0;
    for (CommandOutcome c : d.commands.values()) {
      if (c.state() == CommandOutcome.State.ACCEPTED) {
        acknowledged += c.contributionW();
        long now = fleet.get(c.allocation().device()).map(DeviceState::powerW).orElse(0L);
        measured += now - c.baselineW();
      } else if (c.state() == CommandOutcome.State.PENDING) {
        pending += c.contributionW();
      }
    }
    return Optional.of(
        new DispatchReport(
            d.id, d.targetW, List.copyOf(d.commands.values()), acknowledged, pending, measured));
  }

  private void deviceOffline(DeviceState device) {
    synchronized (this) {
      for (Dispatch d : active.values()) {
        for (CommandOutcome c : List.copyOf(d.commands.values())) {
          if (c.live() && c.allocation().device().equals(device.device())) {
            fail(d, c, "device went offline");
          }
        }
      }
    }
    flush();
  }

  /** The acknowledgement timeout and latency count from publication, after signing. */
  private synchronized void markPublished(long commandId) {
    Long dispatchId = dispatchOfCommand.get(commandId);
    Dispatch d = dispatchId == null ? null : find(dispatchId);
    CommandOutcome c = d == null ? null : d.commands.get(commandId);
    if (c != null && c.state() == CommandOutcome.State.PENDING) {
      d.commands.put(commandId, c.publishedAt(clock.millis()));
    }
  }

  /** Publishes queued commands outside the lock (MQTT callbacks must never wait for it). */
  private void flush() {
    List<DispatchCommand> batch = new ArrayList<>();
    for (DispatchCommand c = outbox.poll(); c != null; c = outbox.poll()) {
      batch.add(c);
    }
    // Signing dominates a large fan-out: sign in parallel, publish in order.
    List<byte[]> payloads =
        (batch.size() > 64 ? batch.parallelStream() : batch.stream())
            .map(c -> MessageCodec.encode(nodeSigner.sign(c)))
            .toList();
    for (int i = 0; i < batch.size(); i++) {
      String topic = Topics.device(batch.get(i).device(), Topics.COMMAND);
      markPublished(batch.get(i).commandId());
      publisher
          .publish(topic, payloads.get(i))
          .exceptionally(
              e -> {
                LOG.warn("publishing command to {} failed: {}", topic, e.toString());
                return null;
              });
    }
  }

  private void fail(Dispatch d, CommandOutcome c, String why) {
    LOG.info(
        "dispatch {}: command {} to {} failed: {}",
        d.id,
        c.commandId(),
        c.allocation().device(),
        why);
    d.commands.put(c.commandId(), c.failed(why, clock.millis()));
    d.failed.add(c.allocation().device());
    allocate(d);
  }

  private void allocate(Dispatch d) {
    long now = clock.millis();
    if (now >= d.validUntilMs) {
      return;
    }
    Map<String, CommandOutcome> live = new HashMap<>();
    long covered = 0;
    for (CommandOutcome c : d.commands.values()) {
      if (c.live()) {
        live.put(c.allocation().device(), c);
        covered += c.contributionW();
      }
    }
    long remaining = d.targetW - covered;
    if (remaining == 0 || Long.signum(remaining) != Long.signum(d.targetW)) {
      return;
    }
    Map<String, Long> used = new HashMap<>();
    live.forEach((device, c) -> used.put(device, Math.abs(c.contributionW())));
    for (Allocation a : DispatchPlanner.split(remaining, fleet.snapshot(), d.failed, used)) {
      CommandOutcome previous = live.get(a.device());
      long total = a.powerW();
      if (previous != null) {
        total += previous.contributionW();
        d.commands.put(previous.commandId(), previous.superseded());
      }
      send(d, new Allocation(a.device(), total), now);
    }
  }

  private void send(Dispatch d, Allocation a, long now) {
    long commandId = nextCommandId.incrementAndGet();
    long baseline = fleet.get(a.device()).map(DeviceState::baselineW).orElse(0L);
    DispatchCommand command =
        new DispatchCommand(
            nodeSigner.address(),
            a.device(),
            commandId,
            baseline + a.powerW(),
            now,
            d.validUntilMs);
    d.commands.put(
        commandId,
        new CommandOutcome(
            a,
            baseline,
            commandId,
            CommandOutcome.State.PENDING,
            0,
            now,
            Optional.empty(),
            Optional.empty()));
    dispatchOfCommand.put(commandId, d.id);
    ackDeadlines.add(new AckDeadline(now + ackTimeoutMs, d.id, commandId));
    outbox.add(command);
  }

  private static final class Dispatch {
    final long id;
    final long targetW;
    final long validUntilMs;
    final Map<Long, CommandOutcome> commands = new LinkedHashMap<>();
    final Set<String> failed = new HashSet<>();
    long finishedMs;

    Dispatch(long id, long targetW, long validUntilMs) {
      this.id = id;
      this.targetW = targetW;
      this.validUntilMs = validUntilMs;
    }
  }

  /** When a pending command's acknowledgement is due (checked again against its publication). */
  private record AckDeadline(long atMs, long dispatchId, long commandId) {}

  /** Ids of the active and the retained finished dispatches, oldest first. */
  public synchronized List<Long> dispatchIds() {
    List<Long> ids = new ArrayList<>(active.keySet());
    ids.addAll(finished.keySet());
    ids.sort(null);
    return ids;
  }
}
