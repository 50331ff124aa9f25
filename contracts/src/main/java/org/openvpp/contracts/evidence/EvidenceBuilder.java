package org.openvpp.contracts.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openvpp.contracts.eip712.AbiWords;

/**
 * Builds a node's evidence from the signed readings it stored: for each device, the readings
 * nearest the window's two edges (within the submission's reading slack, signed by the device
 * itself), the delivery they show and the leaf over them. A device whose readings could not stand a
 * challenge (no reading near an edge, a forged signature, registers moving faster than its rated
 * power, a baseline above it) is left out with its reason, never posted: a leaf FraudProofs could
 * void costs the node its stake. The checks mirror FraudProofs._fraud on everything the node knows
 * locally; what only the registry knows (owner, assignment, revocation) the caller checks.
 */
public final class EvidenceBuilder {
  /** Above this many windows the leaves (two Keccak digests each) are built in parallel. */
  private static final int PARALLEL_FROM = 256;

  private final MeterTypedData meter;

  public EvidenceBuilder(MeterTypedData meter) {
    this.meter = Objects.requireNonNull(meter, "meter");
  }

  /**
   * A request window or contribution epoch as FraudProofs.windowOf reports it.
   *
   * @param slackMs how far a reading may lie from an edge (readingSlackMs)
   */
  public record Window(long startMs, long endMs, Direction direction, long slackMs) {
    public Window {
      Objects.requireNonNull(direction, "direction");
      if (startMs < 0 || endMs <= startMs || slackMs < 0) {
        throw new IllegalArgumentException("need 0 <= startMs < endMs and slackMs >= 0");
      }
    }
  }

  /**
   * One device's stored readings around a window, and what the node knows of it.
   *
   * @param baselineWh net energy it would have moved in the window's direction undispatched
   */
  public record DeviceReadings(
      String device,
      String owner,
      long ratedPowerW,
      long baselineWh,
      List<SignedMeterReading> readings) {
    public DeviceReadings {
      device = AbiWords.checkAddress(device);
      owner = AbiWords.checkAddress(owner);
      if (ratedPowerW <= 0) {
        throw new IllegalArgumentException("ratedPowerW must be positive");
      }
      readings = List.copyOf(readings);
    }
  }

  /** Why a device was left out of the evidence. */
  public enum Exclusion {
    /** Listed twice: a root holding a device twice is provable fraud. */
    DUPLICATE_DEVICE,
    /** No reading of the device within the slack of the window's start. */
    NO_READING_AT_START,
    /** No reading of the device within the slack of the window's end. */
    NO_READING_AT_END,
    /** Readings near an edge exist but none is the device's own, signed by its key. */
    NOT_SIGNED_BY_DEVICE,
    /** The end reading is not later (sequence and time) than the start one, or a register fell. */
    NOT_INCREASING,
    /** The registers moved more than the physical ceiling of the rated power allows. */
    ABOVE_RATED_POWER,
    /** The baseline's magnitude exceeds the physical ceiling. */
    BASELINE_ABOVE_RATED_POWER
  }

  public record Excluded(String device, Exclusion reason) {}

  /** The windows that make leaves, in input order, and the devices left out. */
  public record Selection(List<DeviceWindow> windows, List<Excluded> excluded) {
    public Selection {
      windows = List.copyOf(windows);
      excluded = List.copyOf(excluded);
    }
  }

  /** Picks every device's edge readings in {@code w}; see the class comment for the rules. */
  public Selection select(Window w, List<DeviceReadings> devices) {
    List<DeviceWindow> windows = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DeviceReadings d : devices) {
      if (!seen.add(d.device())) {
        excluded.add(new Excluded(d.device(), Exclusion.DUPLICATE_DEVICE));
        continue;
      }
      Pick pick = pick(w, d);
      if (pick.window() != null) {
        windows.add(pick.window());
      } else {
        excluded.add(new Excluded(d.device(), pick.reason()));
      }
    }
    return new Selection(windows, excluded);
  }

  /** A device's window, or (window null) the reason that keeps it out. */
  private record Pick(DeviceWindow window, Exclusion reason) {
    static Pick out(Exclusion reason) {
      return new Pick(null, reason);
    }
  }

  private Pick pick(Window w, DeviceReadings d) {
    List<SignedMeterReading> near = new ArrayList<>();
    boolean anyAtStart = false;
    boolean anyAtEnd = false;
    for (SignedMeterReading r : d.readings()) {
      boolean atStart = near(r, w.startMs(), w.slackMs());
      boolean atEnd = near(r, w.endMs(), w.slackMs());
      anyAtStart |= atStart;
      anyAtEnd |= atEnd;
      if ((atStart || atEnd) && r.device().equals(d.device()) && r.signedByDevice(meter)) {
        near.add(r);
      }
    }
    if (!anyAtStart) {
      return Pick.out(Exclusion.NO_READING_AT_START);
    }
    if (!anyAtEnd) {
      return Pick.out(Exclusion.NO_READING_AT_END);
    }
    Optional<SignedMeterReading> first = nearest(near, w.startMs(), w.slackMs(), true);
    Optional<SignedMeterReading> last = nearest(near, w.endMs(), w.slackMs(), false);
    if (first.isEmpty() || last.isEmpty()) {
      return Pick.out(Exclusion.NOT_SIGNED_BY_DEVICE);
    }
    MeterReading a = first.get().reading();
    MeterReading b = last.get().reading();
    if (b.sequence() <= a.sequence()
        || b.timestampMs() <= a.timestampMs()
        || b.importWh() < a.importWh()
        || b.exportWh() < a.exportWh()) {
      return Pick.out(Exclusion.NOT_INCREASING);
    }
    long ceiling = PhysicalCeiling.ceilingWh(d.ratedPowerW(), a, b);
    if (!PhysicalCeiling.withinCeiling(d.ratedPowerW(), a, b)) {
      return Pick.out(Exclusion.ABOVE_RATED_POWER);
    }
    if (Math.abs(d.baselineWh()) > ceiling) {
      return Pick.out(Exclusion.BASELINE_ABOVE_RATED_POWER);
    }
    return new Pick(
        new DeviceWindow(d.owner(), first.get(), last.get(), d.baselineWh(), w.direction()), null);
  }

  private static boolean near(SignedMeterReading r, long edge, long slack) {
    long t = r.reading().timestampMs();
    return t + slack >= edge && t <= edge + slack;
  }

  /** The reading closest to {@code edge}; on a tie the one inside the window. */
  private static Optional<SignedMeterReading> nearest(
      List<SignedMeterReading> readings, long edge, long slack, boolean startEdge) {
    Comparator<SignedMeterReading> byDistance =
        Comparator.comparingLong(r -> Math.abs(r.reading().timestampMs() - edge));
    Comparator<SignedMeterReading> inside =
        Comparator.comparing(
            r -> startEdge ? r.reading().timestampMs() < edge : r.reading().timestampMs() > edge);
    return readings.stream()
        .filter(r -> near(r, edge, slack))
        .min(byDistance.thenComparing(inside));
  }

  /** The honest leaf of every window, in order. */
  public List<EvidenceLeaf> leaves(List<DeviceWindow> windows) {
    var stream = windows.size() >= PARALLEL_FROM ? windows.parallelStream() : windows.stream();
    return stream.map(w -> w.leaf(meter)).toList();
  }

  /** The evidence tree over {@code windows}: one leaf each, a device at most once. */
  public EvidenceTree tree(List<DeviceWindow> windows) {
    return new EvidenceTree(leaves(windows));
  }
}
