package org.openvpp.bridge.sim;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.Limits;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.contracts.evidence.MeterReading;

/**
 * The device side of the protocol, as firmware would implement it (docs/device-protocol.md):
 * physics, cumulative registers, signed readings kept until the node's receipt, command checks, and
 * the fail-safe (heartbeat timeout, command expiry). No transport: messages go to an outbox.
 */
public final class DeviceAgent {
  private final DevicePhysics physics;
  private final Signer signer;
  private final Clock clock;
  private final DeviceOutbox outbox;
  private final CommandGuard guard;
  private final Deque<SignedReading> unreceipted = new ArrayDeque<>();
  private final Set<Misbehaviour> misbehaviours = EnumSet.noneOf(Misbehaviour.class);
  private final Signer impostor;
  private double importWh;
  private double exportWh;
  private long sequence;
  private long lastStepMs;
  private long lastRetransmitMs;
  private Limits lastLimits;
  private int batchSize = 1;
  private final List<SignedReading> unpublished = new ArrayList<>();

  public DeviceAgent(
      DevicePhysics physics,
      Signer signer,
      TypedData typedData,
      String nodeAddress,
      Clock clock,
      DeviceOutbox outbox) {
    this(physics, signer, typedData, nodeAddress, clock, outbox, SharedSignatureCheck.none());
  }

  /**
   * @param groupSignatures how group-command signatures are checked ({@link
   *     SharedSignatureCheck#shared()} lets the devices of one simulator share one recovery)
   */
  public DeviceAgent(
      DevicePhysics physics,
      Signer signer,
      TypedData typedData,
      String nodeAddress,
      Clock clock,
      DeviceOutbox outbox,
      SharedSignatureCheck groupSignatures) {
    this.physics = physics;
    this.signer = signer;
    this.clock = clock;
    this.outbox = outbox;
    this.guard = new CommandGuard(typedData, nodeAddress, signer.address(), clock, groupSignatures);
    this.impostor =
        new Signer(typedData, org.web3j.crypto.ECKeyPair.create(java.math.BigInteger.TEN));
    this.lastStepMs = clock.millis();
  }

  public String address() {
    return signer.address();
  }

  public DevicePhysics physics() {
    return physics;
  }

  public void misbehave(Misbehaviour m) {
    misbehaviours.add(m);
  }

  public void behave() {
    misbehaviours.clear();
  }

  /** Advances physics to the clock's time, applying the fail-safe first. */
  public void step() {
    long now = clock.millis();
    long dt = now - lastStepMs;
    guard.failSafe().ifPresent(this::ack);
    OptionalLong setpoint =
        guard.active().map(c -> OptionalLong.of(c.targetPowerW())).orElse(OptionalLong.empty());
    physics.step(now, Math.max(0, dt), setpoint);
    double hours = Math.max(0, dt) / 3_600_000.0;
    long p = physics.powerW();
    if (p > 0) {
      exportWh += p * hours;
    } else {
      importWh += -p * hours;
    }
    lastStepMs = now;
  }

  /** Signs the next reading, keeps it until receipted and publishes it. */
  public SignedReading publishReading() {
    MeterReading r = nextReading();
    SignedReading signed =
        (misbehaviours.contains(Misbehaviour.WRONG_KEY) ? impostor : signer).sign(r);
    if (misbehaviours.isEmpty()) {
      unreceipted.addLast(signed);
    }
    if (batchSize > 1 && misbehaviours.isEmpty()) {
      unpublished.add(signed);
      if (unpublished.size() >= batchSize) {
        flushBatch();
      }
    } else {
      outbox.publish(Topics.device(address(), Topics.READING), WireCodec.encode(signed), false);
    }
    return signed;
  }

  /**
   * From now on, collects up to {@code max} signed readings and publishes them as one batch on
   * {@code readings} (protocol §5.7); 1 publishes every reading alone (the default). Call {@link
   * #flushBatch} to publish a partial batch.
   */
  public void batchReadings(int max) {
    if (max < 1 || max > Protocol.MAX_BATCH_READINGS) {
      throw new IllegalArgumentException("batch size 1 to " + Protocol.MAX_BATCH_READINGS);
    }
    flushBatch();
    batchSize = max;
  }

  /** Publishes the readings signed but not published yet as one batch; returns how many. */
  public int flushBatch() {
    int n = unpublished.size();
    if (n > 0) {
      publishBatch(unpublished);
      unpublished.clear();
    }
    return n;
  }

  private void publishBatch(List<SignedReading> readings) {
    outbox.publish(
        Topics.device(address(), Topics.READINGS),
        ReadingBatchCodec.encode(new ReadingBatch(address(), readings)),
        false);
  }

  private MeterReading nextReading() {
    long now = clock.millis();
    long seq;
    if (misbehaviours.contains(Misbehaviour.REPLAY_SEQUENCE)) {
      seq = sequence - 1;
    } else if (misbehaviours.contains(Misbehaviour.WRONG_KEY)) {
      // An impostor cannot advance the device's own counter: the next genuine reading takes this
      // number, so the forged one leaves no gap the node would wait for (protocol §5.4).
      seq = sequence + 1;
    } else {
      seq = ++sequence;
    }
    long ts = misbehaviours.contains(Misbehaviour.SKEW_CLOCK) ? now + 3_600_000 : now;
    long exp = (long) exportWh;
    if (misbehaviours.contains(Misbehaviour.LIE_ABOUT_ENERGY)) {
      exp += physics.ratedPowerW() * 10;
    }
    long imp = (long) importWh;
    if (misbehaviours.contains(Misbehaviour.ROLLBACK_REGISTER)) {
      imp = Math.max(0, imp - 100);
    }
    return new MeterReading(
        address(), Math.max(1, seq), ts, imp, exp, physics.powerW(), physics.socPermille());
  }

  /**
   * Re-sends unreceipted readings when the oldest is older than the receipt timeout and the last
   * retransmission is as old (the node or broker may have lost them).
   */
  public int retransmitIfDue() {
    long now = clock.millis();
    if (unreceipted.isEmpty()
        || now - lastRetransmitMs < Protocol.RECEIPT_TIMEOUT_MS
        || now - unreceipted.peekFirst().reading().timestampMs() < Protocol.RECEIPT_TIMEOUT_MS) {
      return 0;
    }
    lastRetransmitMs = now;
    return replayUnreceipted();
  }

  /** Publishes every reading the node has not receipted yet (after a reconnect). */
  public int replayUnreceipted() {
    unpublished.clear();
    if (batchSize > 1) {
      List<SignedReading> all = List.copyOf(unreceipted);
      for (int from = 0; from < all.size(); from += batchSize) {
        publishBatch(all.subList(from, Math.min(all.size(), from + batchSize)));
      }
      return all.size();
    }
    for (SignedReading s : unreceipted) {
      outbox.publish(Topics.device(address(), Topics.READING), WireCodec.encode(s), false);
    }
    return unreceipted.size();
  }

  public int unreceiptedCount() {
    return unreceipted.size();
  }

  /**
   * Drops exactly the buffered readings the receipt covers (sequence ≤ the receipted one); anything
   * above it stays until a later receipt covers it, whatever order receipts arrive in.
   */
  public void onReceipt(byte[] payload) {
    MessageCodec.decodeReceipt(payload)
        .value()
        .filter(r -> r.device().equals(address()))
        .ifPresent(r -> unreceipted.removeIf(s -> s.reading().sequence() <= r.sequence()));
  }

  /** The sequences still buffered, oldest first. */
  public java.util.List<Long> unreceiptedSequences() {
    return unreceipted.stream().map(s -> s.reading().sequence()).toList();
  }

  public void onHeartbeat(byte[] payload) {
    guard.onHeartbeat(payload);
  }

  public void onCommand(byte[] payload) {
    ack(guard.onCommand(payload, physics));
  }

  /** A group command from {@code vpp/1/n/{node}/cmd}: acknowledged only if it names this device. */
  public void onGroupCommand(byte[] payload) {
    guard.onGroupCommand(payload, physics).ifPresent(this::ack);
  }

  /** Whether the node's heartbeat is fresh, i.e. the device would obey a command now. */
  public boolean heartbeatFresh() {
    return guard.heartbeatFresh();
  }

  public Optional<org.openvpp.bridge.protocol.DispatchCommand> activeCommand() {
    return guard.active();
  }

  private void ack(CommandAck ack) {
    outbox.publish(Topics.device(address(), Topics.ACK), MessageCodec.encode(ack), false);
  }

  /** Publishes the retained availability and limits. */
  public void announce(boolean online) {
    long now = clock.millis();
    outbox.publish(
        Topics.device(address(), Topics.AVAILABILITY),
        MessageCodec.encode(new Availability(address(), online, now)),
        true);
    if (online) {
      publishLimits();
    }
  }

  public void publishLimits() {
    Limits now = limits();
    lastLimits = now;
    outbox.publish(Topics.device(address(), Topics.LIMITS), MessageCodec.encode(now), true);
  }

  /**
   * Re-publishes the limits when a value moved by more than 5 % of rated power or 15 minutes passed
   * (protocol §6.2). Returns true if it published.
   */
  public boolean publishLimitsIfChanged() {
    Limits now = limits();
    Limits last = lastLimits;
    long threshold = Math.max(1, physics.ratedPowerW() / 20);
    boolean changed =
        last == null
            || Math.abs(now.baselineW() - last.baselineW()) > threshold
            || Math.abs(now.minPowerW() - last.minPowerW()) > threshold
            || Math.abs(now.maxPowerW() - last.maxPowerW()) > threshold
            || now.timestampMs() - last.timestampMs() >= 15 * 60_000;
    if (changed) {
      publishLimits();
    }
    return changed;
  }

  public Limits limits() {
    long now = clock.millis();
    return new Limits(
        address(),
        physics.baselineW(now),
        physics.minPowerW(now),
        physics.maxPowerW(now),
        physics.minSocPermille(),
        physics.reserveWh(),
        physics.departureMs(),
        now);
  }

  /** The last will: availability offline, retained. */
  public byte[] lastWill() {
    return MessageCodec.encode(new Availability(address(), false, clock.millis()));
  }

  public long sequence() {
    return sequence;
  }

  static long heartbeatTimeoutMs() {
    return Protocol.HEARTBEAT_TIMEOUT_MS;
  }
}
