package org.openvpp.bridge.verify;

import java.time.Clock;
import java.util.Optional;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.directory.DeviceDirectory;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.MeterReading;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.bridge.protocol.WireCodec;

/**
 * Verifies one reading payload received on a device's reading topic, in this order: size, JSON,
 * schema, version, signature form, topic = device field, signature recovers to the device,
 * registered and active, timestamp within skew, sequence, time and registers monotonic, energy
 * plausible for the rated power. Stateless except for the {@link CursorTable} it is given; callers
 * must verify one device's readings in order (the pipeline partitions by device).
 */
public final class ReadingVerifier {
  /** Finds an already stored reading, to tell a harmless duplicate from a replay. */
  @FunctionalInterface
  public interface StoredLookup {
    Optional<SignedReading> find(String device, long sequence);
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
    SignedReading signed = decoded.value().orElseThrow();
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
      Decoded<SignedReading> order = checkOrder(signed, cursor.get(), device.get());
      if (!order.isOk()) {
        return order;
      }
    }
    cursors.put(r.device(), DeviceCursor.of(r));
    return Decoded.ok(signed);
  }

  private Decoded<SignedReading> checkOrder(
      SignedReading signed, DeviceCursor last, RegisteredDevice device) {
    MeterReading r = signed.reading();
    if (r.sequence() <= last.sequence()) {
      boolean same = stored.find(r.device(), r.sequence()).filter(signed::equals).isPresent();
      return same
          ? reject(RejectionReason.DUPLICATE, "sequence " + r.sequence() + " already stored")
          : reject(RejectionReason.REPLAYED_SEQUENCE, r.sequence() + " <= " + last.sequence());
    }
    if (r.timestampMs() < last.timestampMs()) {
      return reject(RejectionReason.TIME_ROLLBACK, "timestamp before previous reading");
    }
    if (r.importWh() < last.importWh() || r.exportWh() < last.exportWh()) {
      return reject(RejectionReason.REGISTER_ROLLBACK, "cumulative register decreased");
    }
    long energyWh = (r.importWh() - last.importWh()) + (r.exportWh() - last.exportWh());
    double hours = (r.timestampMs() - last.timestampMs()) / 3_600_000.0;
    double maxWh = device.ratedPowerW() * hours * Protocol.ENERGY_TOLERANCE + 1.0;
    if (energyWh > maxWh) {
      return reject(
          RejectionReason.IMPLAUSIBLE_ENERGY, energyWh + " Wh > " + (long) maxWh + " Wh possible");
    }
    return Decoded.ok(signed);
  }

  private static Decoded<SignedReading> reject(RejectionReason reason, String detail) {
    return Decoded.rejected(reason, detail);
  }
}
