package org.openvpp.bridge.verify;

import java.time.Clock;
import java.util.Optional;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.directory.DeviceDirectory;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.PhysicalCeiling;

/**
 * Verifies one reading payload received on a device's reading topic, in this order: size, JSON,
 * schema, version, signature form, topic = device field, signature recovers to the device,
 * registered and active, timestamp within skew, sequence, time and registers monotonic, energy
 * plausible for the rated power. Stateless except for the {@link CursorTable} it is given; callers
 * must verify one device's readings in order (the pipeline partitions by device).
 */
public final class ReadingVerifier {
  /**
   * Stored readings: to tell a harmless duplicate from a replay, and to place a late reading (a
   * re-sent one whose successors arrived first) between its stored neighbours.
   */
  @FunctionalInterface
  public interface StoredLookup {
    Optional<SignedReading> find(String device, long sequence);

    /** The stored reading with the highest sequence below {@code sequence}. */
    default Optional<SignedReading> previous(String device, long sequence) {
      return Optional.empty();
    }

    /** The stored reading with the lowest sequence above {@code sequence}. */
    default Optional<SignedReading> next(String device, long sequence) {
      return Optional.empty();
    }
  }

  private final TypedData typedData;
  private final AddressRecovery recovery;
  private final DeviceDirectory directory;
  private final StoredLookup stored;
  private final Clock clock;

  public ReadingVerifier(
      TypedData typedData,
      AddressRecovery recovery,
      DeviceDirectory directory,
      StoredLookup stored,
      Clock clock) {
    this.typedData = typedData;
    this.recovery = recovery;
    this.directory = directory;
    this.stored = stored;
    this.clock = clock;
  }

  /** Verifies and, when accepted, advances the device's cursor in {@code cursors}. */
  public Decoded<SignedReading> verify(String topicDevice, byte[] payload, CursorTable cursors) {
    Decoded<SignedReading> decoded = WireCodec.decodeReading(payload);
    if (!decoded.isOk()) {
      return decoded;
    }
    return verify(topicDevice, decoded.value().orElseThrow(), cursors);
  }

  /**
   * Verifies a decoded reading (a single message, or one reading of a batch: each is judged as if
   * it had come alone) and, when accepted, advances the device's cursor.
   */
  public Decoded<SignedReading> verify(
      String topicDevice, SignedReading signed, CursorTable cursors) {
    MeterReading r = signed.reading();
    if (!r.device().equals(topicDevice)) {
      return reject(RejectionReason.TOPIC_MISMATCH, r.device() + " on topic of " + topicDevice);
    }
    Optional<String> signer = recovery.recover(typedData.digest(r), signed.signature());
    if (signer.isEmpty() || !signer.get().equals(r.device())) {
      return reject(RejectionReason.BAD_SIGNATURE, "signer is " + signer.orElse("invalid"));
    }
    Optional<RegisteredDevice> device = directory.find(r.device());
    if (device.isEmpty() || device.get().status() == DeviceStatus.UNKNOWN) {
      return reject(RejectionReason.UNKNOWN_DEVICE, "not registered");
    }
    if (!device.get().active()) {
      return reject(RejectionReason.REVOKED_DEVICE, "revoked");
    }
    long now = clock.millis();
    if (r.timestampMs() > now + Protocol.MAX_FUTURE_SKEW_MS) {
      return reject(RejectionReason.CLOCK_SKEW, (r.timestampMs() - now) + " ms ahead");
    }
    if (r.timestampMs() < now - Protocol.MAX_AGE_MS) {
      return reject(RejectionReason.STALE, (now - r.timestampMs()) + " ms old");
    }
    Optional<DeviceCursor> cursor = cursors.get(r.device());
    if (cursor.isPresent()) {
      Decoded<SignedReading> order = checkOrder(signed, cursor.get(), device.get(), cursors);
      if (!order.isOk()) {
        return order;
      }
    }
    if (cursor.isEmpty() || r.sequence() > cursor.get().sequence()) {
      cursors.put(r.device(), DeviceCursor.of(r));
    }
    cursors.remember(signed);
    return Decoded.ok(signed);
  }

  private Decoded<SignedReading> checkOrder(
      SignedReading signed, DeviceCursor last, RegisteredDevice device, CursorTable cursors) {
    MeterReading r = signed.reading();
    if (r.sequence() <= last.sequence()) {
      return late(signed, device, cursors);
    }
    return follows(last, r, device).orElse(Decoded.ok(signed));
  }

  private static Optional<SignedReading> closer(
      Optional<SignedReading> a, Optional<SignedReading> b, boolean higher) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isPresent() ? a : b;
    }
    long sa = a.get().reading().sequence();
    long sb = b.get().reading().sequence();
    return (higher ? sa > sb : sa < sb) ? a : b;
  }

  /**
   * A sequence at or below the last accepted one: a duplicate, a replay, or a late reading that
   * fits between its stored neighbours (accepted without moving the cursor).
   */
  private Decoded<SignedReading> late(
      SignedReading signed, RegisteredDevice device, CursorTable cursors) {
    MeterReading r = signed.reading();
    String d = r.device();
    long seq = r.sequence();
    Optional<SignedReading> same = cursors.recent(d, seq);
    if (same.isEmpty()) {
      same = stored.find(d, seq);
    }
    if (same.isPresent()) {
      return same.get().equals(signed)
          ? reject(RejectionReason.DUPLICATE, "sequence " + seq + " already accepted")
          : reject(RejectionReason.REPLAYED_SEQUENCE, "sequence " + seq + " reused");
    }
    Optional<SignedReading> next = closer(cursors.recentAfter(d, seq), stored.next(d, seq), false);
    if (next.isEmpty()) {
      return reject(RejectionReason.REPLAYED_SEQUENCE, "sequence " + seq + " too old");
    }
    Optional<SignedReading> prev =
        closer(cursors.recentBefore(d, seq), stored.previous(d, seq), true);
    Optional<Decoded<SignedReading>> problem =
        prev.flatMap(p -> follows(DeviceCursor.of(p.reading()), r, device));
    if (problem.isEmpty()) {
      problem = follows(DeviceCursor.of(r), next.get().reading(), device);
    }
    return problem.orElse(Decoded.ok(signed));
  }

  /** Whether {@code r} may follow {@code last}: time and registers monotonic, energy plausible. */
  private static Optional<Decoded<SignedReading>> follows(
      DeviceCursor last, MeterReading r, RegisteredDevice device) {
    if (r.timestampMs() < last.timestampMs()) {
      return Optional.of(reject(RejectionReason.TIME_ROLLBACK, "timestamp before previous"));
    }
    if (r.importWh() < last.importWh() || r.exportWh() < last.exportWh()) {
      return Optional.of(reject(RejectionReason.REGISTER_ROLLBACK, "register decreased"));
    }
    // The one physical ceiling of the device protocol, the same the contract proves fraud with:
    // what the bridge accepts can never be slashed on the power rule.
    long energyWh = (r.importWh() - last.importWh()) + (r.exportWh() - last.exportWh());
    long maxWh =
        PhysicalCeiling.ceilingWh(device.ratedPowerW(), r.timestampMs() - last.timestampMs());
    if (energyWh > maxWh) {
      return Optional.of(
          reject(RejectionReason.IMPLAUSIBLE_ENERGY, energyWh + " Wh > " + maxWh + " Wh possible"));
    }
    return Optional.empty();
  }

  private static Decoded<SignedReading> reject(RejectionReason reason, String detail) {
    return Decoded.rejected(reason, detail);
  }
}
