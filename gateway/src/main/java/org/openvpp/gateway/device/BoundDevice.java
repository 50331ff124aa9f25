package org.openvpp.gateway.device;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttListener;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.DispatchCommand;
import org.openvpp.bridge.protocol.Limits;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.sim.CommandGuard;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.DeviceAdapter;
import org.openvpp.gateway.adapter.FailureCounts;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Measurement;
import org.openvpp.gateway.adapter.Setpoint;
import org.openvpp.gateway.adapter.SetpointResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device behind the gateway, speaking the VPP device protocol as that device: its own key, its
 * own MQTT client id, last will and topics (so the broker ACL of docs/device-protocol.md §3 applies
 * unchanged), readings signed from the adapter's measurements and journaled before they are
 * published, and commands checked by the firmware rules before they reach the adapter.
 *
 * <p>Everything runs on the device's own single thread; adapter and MQTT callbacks only hand over.
 */
public final class BoundDevice implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BoundDevice.class);
  static final long MIN_READING_INTERVAL_MS = 1_000;

  private final DeviceProfile profile;
  private final Signer signer;
  private final DeviceAdapter adapter;
  private final FailureCounts failures;
  private final Clock clock;
  private final DeviceJournal journal;
  private final RegisterKeeper registers;
  private final MeasuredPhysics physics;
  private final CommandGuard guard;
  private final MqttConnection mqtt;
  private final String node;
  private final ExecutorService thread;
  private volatile boolean deviceOnline;
  private long lastRetransmitMs;
  private Limits lastLimits;

  /**
   * @param signer the device's key (unlocked from its wallet file by the gateway's keyring)
   * @param journal the device's durable sequence and unreceipted readings
   */
  public BoundDevice(
      DeviceProfile profile,
      Signer signer,
      TypedData typedData,
      String brokerUrl,
      String nodeAddress,
      DeviceJournal journal,
      DeviceAdapter adapter,
      Clock clock) {
    this.profile = profile;
    this.signer = signer;
    this.adapter = adapter;
    this.failures = adapter.failures();
    this.clock = clock;
    this.journal = journal;
    this.node = nodeAddress;
    this.registers =
        journal
            .last()
            .map(s -> new RegisterKeeper(s.reading().importWh(), s.reading().exportWh()))
            .orElseGet(() -> new RegisterKeeper(0, 0));
    this.physics = new MeasuredPhysics(profile);
    this.guard = new CommandGuard(typedData, nodeAddress, signer.address(), clock);
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "gw-device-" + profile.localId());
              t.setDaemon(true);
              return t;
            });
    MqttSettings settings =
        MqttSettings.of(brokerUrl, "gw-" + signer.address().substring(2, 18))
            .withCleanStart(true)
            .withMaxInflight(20)
            .withWill(
                new MqttSettings.Will(
                    Topics.device(address(), Topics.AVAILABILITY),
                    MessageCodec.encode(new Availability(address(), false, clock.millis()))));
    this.mqtt = MqttClients.create(settings, new Inbound());
  }

  public String address() {
    return signer.address();
  }

  public String localId() {
    return profile.localId();
  }

  /** Connects to the broker and subscribes; announces once the device itself answers. */
  public BoundDevice start() {
    mqtt.connect();
    for (String topic :
        List.of(
            Topics.device(address(), Topics.COMMAND),
            Topics.device(address(), Topics.RECEIPT),
            Topics.heartbeat(node))) {
      mqtt.subscribe(topic, 1);
    }
    run(this::replay);
    return this;
  }

  /** From the adapter: a measurement; signed and published on the device's thread. */
  public void measured(Measurement m) {
    run(() -> onMeasurement(m));
  }

  /** From the adapter: the device's connection changed; published as availability. */
  public void connection(ConnectionState state) {
    run(() -> announce(state == ConnectionState.CONNECTED));
  }

  /** Periodic duties (about once a second): fail-safe on expiry or silence, retransmission. */
  public void tick() {
    run(
        () -> {
          guard.failSafe().ifPresent(this::release);
          retransmitIfDue();
        });
  }

  public long sequence() {
    return journal.sequence();
  }

  public int unreceiptedCount() {
    return journal.pending().size();
  }

  /** Whether the node's heartbeat is fresh, i.e. this device would obey a command now. */
  public boolean heartbeatFresh() {
    return guard.heartbeatFresh();
  }

  public Optional<DispatchCommand> activeCommand() {
    return guard.active();
  }

  private void onMeasurement(Measurement m) {
    physics.update(m, guard.active().isPresent());
    if (!deviceOnline) {
      announce(true);
    }
    boolean tooSoon =
        journal
            .last()
            .map(s -> m.timestampMs() - s.reading().timestampMs() < MIN_READING_INTERVAL_MS)
            .orElse(false);
    if (tooSoon) {
      return; // protocol §5.1: at most one reading a second; the next sample carries the energy
    }
    if (!journal.hasRoom()) {
      return; // protocol §5.4: keep integrating, sign nothing until a receipt frees space
    }
    Optional<Measurement.Registers> r = registers.next(m);
    if (r.isEmpty()) {
      failures.count(profile.localId(), FailureReason.OUT_OF_RANGE);
      return;
    }
    long ts =
        Math.max(m.timestampMs(), journal.last().map(s -> s.reading().timestampMs()).orElse(0L));
    MeterReading reading =
        new MeterReading(
            address(),
            journal.sequence() + 1,
            ts,
            r.get().importWh(),
            r.get().exportWh(),
            m.powerW(),
            m.socPermille());
    SignedReading signed = signer.sign(reading);
    journal.append(signed);
    publish(Topics.device(address(), Topics.READING), WireCodec.encode(signed), false);
    publishLimitsIfChanged();
  }

  private void onCommand(byte[] payload) {
    CommandAck verdict = guard.onCommand(payload, physics);
    if (verdict.status() != CommandAck.Status.ACCEPTED) {
      if (verdict.status() == CommandAck.Status.COMPLETED) {
        adapter.apply(Setpoint.release(profile.localId(), verdict.commandId()));
      }
      ack(verdict);
      return;
    }
    DispatchCommand c = guard.active().orElseThrow();
    adapter
        .apply(
            new Setpoint(
                profile.localId(),
                c.commandId(),
                java.util.OptionalLong.of(c.targetPowerW()),
                c.validUntilMs()))
        .whenComplete((result, error) -> run(() -> applied(verdict, result, error)));
  }

  private void applied(CommandAck verdict, SetpointResult result, Throwable error) {
    if (error == null && result.status() == SetpointResult.Status.APPLIED) {
      ack(
          new CommandAck(
              address(),
              verdict.commandId(),
              CommandAck.Status.ACCEPTED,
              result.appliedPowerW(),
              "",
              clock.millis()));
      return;
    }
    failures.count(profile.localId(), FailureReason.SETPOINT_REJECTED);
    String why = error != null ? "device-error" : result.detail();
    LOG.warn("device {} did not take command {}: {}", profile.localId(), verdict.commandId(), why);
    ack(
        new CommandAck(
            address(), verdict.commandId(), CommandAck.Status.REJECTED, 0, why, clock.millis()));
  }

  private void release(CommandAck ack) {
    adapter.apply(Setpoint.release(profile.localId(), ack.commandId()));
    ack(ack);
  }

  private void ack(CommandAck ack) {
    publish(Topics.device(address(), Topics.ACK), MessageCodec.encode(ack), false);
  }

  private void retransmitIfDue() {
    long now = clock.millis();
    List<SignedReading> pending = journal.pending();
    if (pending.isEmpty()
        || now - lastRetransmitMs < Protocol.RECEIPT_TIMEOUT_MS
        || now - pending.get(0).reading().timestampMs() < Protocol.RECEIPT_TIMEOUT_MS) {
      return;
    }
    lastRetransmitMs = now;
    replay();
  }

  private void replay() {
    for (SignedReading s : journal.pending()) {
      publish(Topics.device(address(), Topics.READING), WireCodec.encode(s), false);
    }
  }

  private void announce(boolean online) {
    deviceOnline = online;
    publish(
        Topics.device(address(), Topics.AVAILABILITY),
        MessageCodec.encode(new Availability(address(), online, clock.millis())),
        true);
    if (online && physics.measured()) {
      publishLimits();
    }
  }

  private void publishLimitsIfChanged() {
    Limits now = limits();
    Limits last = lastLimits;
    long threshold = Math.max(1, profile.ratedPowerW() / 20);
    if (last == null
        || Math.abs(now.baselineW() - last.baselineW()) > threshold
        || Math.abs(now.minPowerW() - last.minPowerW()) > threshold
        || Math.abs(now.maxPowerW() - last.maxPowerW()) > threshold
        || now.timestampMs() - last.timestampMs() >= 15 * 60_000) {
      publishLimits();
    }
  }

  private void publishLimits() {
    Limits l = limits();
    lastLimits = l;
    publish(Topics.device(address(), Topics.LIMITS), MessageCodec.encode(l), true);
  }

  private Limits limits() {
    long now = clock.millis();
    return new Limits(
        address(),
        physics.baselineW(now),
        physics.minPowerW(now),
        physics.maxPowerW(now),
        0,
        0,
        0,
        now);
  }

  private void publish(String topic, byte[] payload, boolean retained) {
    if (!mqtt.isConnected()) {
      return; // readings stay in the journal; replayed after the reconnect
    }
    mqtt.publish(topic, payload, 1, retained)
        .exceptionally(
            e -> {
              LOG.debug("publish to {} failed: {}", topic, e.toString());
              return null;
            });
  }

  private void run(Runnable r) {
    if (thread.isShutdown()) {
      return;
    }
    thread.execute(
        () -> {
          try {
            r.run();
          } catch (RuntimeException e) {
            LOG.error("device {}: {}", profile.localId(), e.toString(), e);
          }
        });
  }

  /** Waits until everything handed over so far ran (tests, shutdown). */
  public void drain() {
    try {
      thread.submit(() -> {}).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (mqtt.isConnected()) {
      run(() -> announce(false));
      drain();
    }
    thread.shutdown();
    mqtt.close();
  }

  private final class Inbound implements MqttListener {
    @Override
    public void onMessage(MqttMessage m) {
      run(
          () -> {
            if (m.topic().endsWith("/" + Topics.COMMAND)) {
              onCommand(m.payload());
            } else if (m.topic().endsWith("/" + Topics.RECEIPT)) {
              MessageCodec.decodeReceipt(m.payload())
                  .value()
                  .filter(r -> r.device().equals(address()))
                  .ifPresent(r -> journal.receipted(r.sequence()));
            } else if (m.topic().endsWith("/heartbeat")) {
              guard.onHeartbeat(m.payload());
            }
          });
    }

    @Override
    public void onConnected(boolean reconnect) {
      if (reconnect) {
        run(
            () -> {
              announce(deviceOnline);
              replay();
            });
      }
    }
  }
}
