package org.openvpp.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.store.SqliteReadingStore;
import org.openvpp.bridge.store.StoredReading;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.DeviceWindow;
import org.openvpp.contracts.evidence.Direction;
import org.openvpp.contracts.evidence.EvidenceBuilder;
import org.openvpp.contracts.evidence.EvidenceBuilder.Excluded;
import org.openvpp.contracts.evidence.EvidenceBuilder.Exclusion;
import org.openvpp.contracts.evidence.EvidenceBuilder.Selection;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.MeterTypedData;
import org.openvpp.node.evidence.StoredWindows.Participant;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Evidence windows out of a real SQLite reading store, as the bridge fills it. */
class StoredWindowsTest {
  private static final MeterTypedData METER =
      new MeterTypedData(BigInteger.valueOf(31_337), "0x00000000000000000000000000000000000000d1");
  private static final String OWNER = "0x00000000000000000000000000000000000000a1";
  private static final long T0 = 1_800_000_000_000L;
  private static final long START = T0 + 3_600_000;
  private static final long END = START + 3_600_000;
  private static final Window WINDOW = new Window(START, END, Direction.UP, 300_000);

  @TempDir Path dir;

  private static Credentials key() throws Exception {
    return Credentials.create(Keys.createEcKeyPair());
  }

  /**
   * Stores one reading every {@code stepMs} from T0 for three hours, sequence numbers with gaps
   * (every third skipped), exporting 1 Wh per reading.
   */
  private static List<StoredReading> readings(Credentials device, long stepMs) {
    List<StoredReading> out = new ArrayList<>();
    long seq = 1;
    for (long t = T0, wh = 0; t <= T0 + 3 * 3_600_000; t += stepMs, wh++) {
      seq += seq % 3 == 0 ? 2 : 1;
      MeterReading r = new MeterReading(device.getAddress(), seq, t, 0, wh, 0, 0);
      byte[] sig = Signatures.sign(METER.digest(r), device.getEcKeyPair());
      out.add(new StoredReading(new SignedReading(r, SignatureType.SECP256K1, sig), t));
    }
    return out;
  }

  @Test
  void findsTheEdgeReadingsOfEveryDeviceAmongThousands() throws Exception {
    Credentials a = key();
    Credentials b = key();
    Credentials quiet = key();
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "NORMAL")) {
      List<StoredReading> ofA = readings(a, 13_000); // ~830 readings
      List<StoredReading> ofB = readings(b, 61_000);
      store.append(ofA);
      store.append(ofB);
      // The quiet device stopped reporting before the window ended.
      store.append(
          readings(quiet, 60_000).stream()
              .filter(s -> s.signed().reading().timestampMs() < END - 600_000)
              .toList());
      StoredWindows windows = new StoredWindows(store, new EvidenceBuilder(METER));
      Selection s =
          windows.select(
              WINDOW,
              List.of(
                  new Participant(a.getAddress(), OWNER, 5_000, 0),
                  new Participant(b.getAddress(), OWNER, 5_000, 10),
                  new Participant(quiet.getAddress(), OWNER, 5_000, 0),
                  new Participant(key().getAddress(), OWNER, 5_000, 0)));

      assertThat(s.windows()).hasSize(2);
      DeviceWindow wa = s.windows().get(0);
      // Readings every 13 s: the nearest to each edge lies within 6.5 s of it.
      assertThat(Math.abs(wa.first().reading().timestampMs() - START)).isLessThanOrEqualTo(6_500);
      assertThat(Math.abs(wa.last().reading().timestampMs() - END)).isLessThanOrEqualTo(6_500);
      assertThat(nearestIn(ofA, START)).isEqualTo(wa.first().reading());
      assertThat(nearestIn(ofA, END)).isEqualTo(wa.last().reading());
      DeviceWindow wb = s.windows().get(1);
      assertThat(nearestIn(ofB, START)).isEqualTo(wb.first().reading());
      assertThat(nearestIn(ofB, END)).isEqualTo(wb.last().reading());
      assertThat(wb.deliveredWh())
          .isEqualTo(wb.last().reading().exportWh() - wb.first().reading().exportWh() - 10);
      assertThat(s.excluded())
          .extracting(Excluded::reason)
          .containsExactly(Exclusion.NO_READING_AT_END, Exclusion.NO_READING_AT_START);
    }
  }

  @Test
  void aDeviceWhoseReadingsAllLieBeforeOrAfterTheWindowIsLeftOut() throws Exception {
    Credentials early = key();
    Credentials late = key();
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "NORMAL")) {
      store.append(
          readings(early, 60_000).stream()
              .filter(r -> r.signed().reading().timestampMs() < START - 400_000)
              .toList());
      store.append(
          readings(late, 60_000).stream()
              .filter(r -> r.signed().reading().timestampMs() > END + 400_000)
              .toList());
      Selection s =
          new StoredWindows(store, new EvidenceBuilder(METER))
              .select(
                  WINDOW,
                  List.of(
                      new Participant(early.getAddress(), OWNER, 5_000, 0),
                      new Participant(late.getAddress(), OWNER, 5_000, 0)));
      assertThat(s.windows()).isEmpty();
      assertThat(s.excluded())
          .extracting(Excluded::reason)
          .containsExactly(Exclusion.NO_READING_AT_START, Exclusion.NO_READING_AT_START);
    }
  }

  /** The reading nearest {@code edge} by brute force, ties to the one inside the window. */
  private static MeterReading nearestIn(List<StoredReading> all, long edge) {
    MeterReading best = null;
    for (StoredReading s : all) {
      MeterReading r = s.signed().reading();
      if (best == null || Math.abs(r.timestampMs() - edge) < Math.abs(best.timestampMs() - edge)) {
        best = r;
      }
    }
    return best;
  }
}
