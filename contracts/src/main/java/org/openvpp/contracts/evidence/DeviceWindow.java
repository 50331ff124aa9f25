package org.openvpp.contracts.evidence;

import java.util.Objects;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * What one device did in one request window or epoch, as its evidence leaf commits to it: the
 * signed readings at the window's two edges, the owner its reward goes to and the baseline (the net
 * energy it would have moved in the requested direction undispatched).
 */
public record DeviceWindow(
    String owner,
    SignedMeterReading first,
    SignedMeterReading last,
    long baselineWh,
    Direction direction) {

  public DeviceWindow {
    owner = AbiWords.checkAddress(owner);
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(direction, "direction");
    if (!first.device().equals(last.device())) {
      throw new IllegalArgumentException("readings of two devices");
    }
  }

  public String device() {
    return first.device();
  }

  /** The delivery the readings show, exactly as FraudProofs recomputes it. */
  public long deliveredWh() {
    return Delivery.deliveredWh(first.reading(), last.reading(), baselineWh, direction);
  }

  /** The honest leaf: the readings' digests in {@code meter}'s domain and their delivery. */
  public EvidenceLeaf leaf(MeterTypedData meter) {
    return new EvidenceLeaf(
        device(), owner, first.digest(meter), last.digest(meter), baselineWh, deliveredWh());
  }
}
