package org.openvpp.node.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.store.ReadingStore;
import org.openvpp.bridge.verify.DeviceCursor;
import org.openvpp.contracts.eip712.AbiWords;
import org.openvpp.contracts.evidence.EvidenceBuilder;
import org.openvpp.contracts.evidence.EvidenceBuilder.DeviceReadings;
import org.openvpp.contracts.evidence.EvidenceBuilder.Selection;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;
import org.openvpp.contracts.evidence.SignedMeterReading;

/**
 * The node's evidence for a window out of what its device bridge stored: for each device the stored
 * readings on either side of the window's two edges (found by a binary search over the sequence,
 * since a device's timestamps never go back), handed to {@link EvidenceBuilder}, which picks the
 * edge readings and leaves out what a challenge could void. Reads the store only: call from a
 * worker thread.
 */
public final class StoredWindows {
  private final ReadingStore store;
  private final EvidenceBuilder builder;

  public StoredWindows(ReadingStore store, EvidenceBuilder builder) {
    this.store = store;
    this.builder = builder;
  }

  /**
   * A device that counts for the node in the window, as the registry has it at the window's start.
   *
   * @param baselineWh net energy it would have moved in the window's direction undispatched
   */
  public record Participant(String device, String owner, long ratedPowerW, long baselineWh) {
    public Participant {
      device = AbiWords.checkAddress(device);
      owner = AbiWords.checkAddress(owner);
    }
  }

  /** Every participant's edge readings in {@code w}, selected as the evidence will hold them. */
  public Selection select(Window w, List<Participant> participants) {
    Map<String, DeviceCursor> cursors = store.cursors();
    List<DeviceReadings> devices = new ArrayList<>(participants.size());
    for (Participant p : participants) {
      DeviceCursor cursor = cursors.get(p.device());
      List<SignedMeterReading> readings = new ArrayList<>(4);
      if (cursor != null) {
        readings.addAll(aroundEdge(p.device(), cursor, w.startMs()));
        for (SignedMeterReading r : aroundEdge(p.device(), cursor, w.endMs())) {
          if (!readings.contains(r)) {
            readings.add(r);
          }
        }
      }
      devices.add(
          new DeviceReadings(p.device(), p.owner(), p.ratedPowerW(), p.baselineWh(), readings));
    }
    return builder.select(w, devices);
  }

  /**
   * The last stored reading before {@code edgeMs} and the first at or after it, where they exist.
   */
  List<SignedMeterReading> aroundEdge(String device, DeviceCursor cursor, long edgeMs) {
    List<SignedMeterReading> out = new ArrayList<>(2);
    Optional<SignedReading> atOrAfter = firstAtOrAfter(device, cursor, edgeMs);
    Optional<SignedReading> before =
        atOrAfter.isPresent()
            ? store.previous(device, atOrAfter.get().reading().sequence())
            : store.find(device, cursor.sequence());
    before.flatMap(StoredWindows::meterReading).ifPresent(out::add);
    atOrAfter.flatMap(StoredWindows::meterReading).ifPresent(out::add);
    return out;
  }

  /**
   * Binary search over sequence numbers s in [1, last]: f(s) = the stored reading with the lowest
   * sequence ≥ s, whose timestamp never decreases with s; the first s with f(s) at or after the
   * edge gives the answer. About log2(last) lookups, whatever gaps the sequence has.
   */
  private Optional<SignedReading> firstAtOrAfter(String device, DeviceCursor cursor, long edgeMs) {
    if (cursor.timestampMs() < edgeMs) {
      return Optional.empty();
    }
    long lo = 0;
    long hi = cursor.sequence();
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      Optional<SignedReading> r = atOrAbove(device, mid);
      if (r.isPresent() && r.get().reading().timestampMs() >= edgeMs) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return atOrAbove(device, lo);
  }

  private Optional<SignedReading> atOrAbove(String device, long sequence) {
    return store.next(device, sequence - 1);
  }

  /** Only secp256k1 readings can go into evidence: FraudProofs recovers nothing else today. */
  private static Optional<SignedMeterReading> meterReading(SignedReading r) {
    if (r.signatureType() != SignatureType.SECP256K1) {
      return Optional.empty();
    }
    return Optional.of(new SignedMeterReading(r.reading(), r.signature()));
  }
}
