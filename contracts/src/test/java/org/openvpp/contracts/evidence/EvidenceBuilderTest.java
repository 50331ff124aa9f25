package org.openvpp.contracts.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.evidence.EvidenceBuilder.DeviceReadings;
import org.openvpp.contracts.evidence.EvidenceBuilder.Excluded;
import org.openvpp.contracts.evidence.EvidenceBuilder.Exclusion;
import org.openvpp.contracts.evidence.EvidenceBuilder.Selection;
import org.openvpp.contracts.evidence.EvidenceBuilder.Window;
import org.openvpp.contracts.merkle.StandardMerkleTree;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Which stored readings become a device's leaf, and which devices are left out and why. */
class EvidenceBuilderTest {
  private static final MeterTypedData METER =
      new MeterTypedData(BigInteger.valueOf(31_337), "0x00000000000000000000000000000000000000d1");
  private static final String OWNER = "0x00000000000000000000000000000000000000a1";
  private static final long START = 1_800_000_000_000L;
  private static final long END = START + 3_600_000;
  private static final long SLACK = 300_000;
  private static final Window UP = new Window(START, END, Direction.UP, SLACK);
  private static final long RATED_W = 5_000;

  private final EvidenceBuilder builder = new EvidenceBuilder(METER);

  /** A device key and the readings it signs, one every {@code stepMs}, export growing. */
  private record Meter(Credentials key, List<SignedMeterReading> readings) {
    String address() {
      return key.getAddress();
    }

    DeviceReadings readings(long baselineWh) {
      return new DeviceReadings(address(), OWNER, RATED_W, baselineWh, readings);
    }
  }

  private static Credentials newKey() {
    try {
      return Credentials.create(Keys.createEcKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Readings at the given times; export grows by {@code whPerReading} each. */
  private static Meter meter(long whPerReading, long... timesMs) {
    Credentials key = newKey();
    List<SignedMeterReading> out = new ArrayList<>();
    for (int i = 0; i < timesMs.length; i++) {
      MeterReading r =
          new MeterReading(
              key.getAddress(), 100 + i, timesMs[i], 50, 1_000 + i * whPerReading, 0, 0);
      out.add(SignedMeterReading.sign(METER, r, key.getEcKeyPair()));
    }
    return new Meter(key, out);
  }

  @Test
  void picksTheReadingsNearestTheEdgesAndComputesTheDeliveryAsFraudProofs() {
    // Readings 4 min before the start, 1 s after it, mid-window, 2 s before the end, 4 min after.
    Meter m =
        meter(1_000, START - 240_000, START + 1_000, START + 1_800_000, END - 2_000, END + 240_000);
    Selection s = builder.select(UP, List.of(m.readings(200)));

    assertThat(s.excluded()).isEmpty();
    DeviceWindow w = s.windows().get(0);
    assertThat(w.first()).isEqualTo(m.readings().get(1));
    assertThat(w.last()).isEqualTo(m.readings().get(3));
    // Export moved 2 × 1000 Wh between them, minus the 200 Wh baseline.
    assertThat(w.deliveredWh()).isEqualTo(1_800);
    EvidenceLeaf leaf = builder.leaves(s.windows()).get(0);
    assertThat(leaf.deliveredWh())
        .isEqualTo(
            Delivery.deliveredWh(w.first().reading(), w.last().reading(), 200, Direction.UP));
    assertThat(leaf.firstReading()).isEqualTo(METER.digest(m.readings().get(1).reading()));
    assertThat(leaf.lastReading()).isEqualTo(METER.digest(m.readings().get(3).reading()));
    assertThat(leaf.baselineWh()).isEqualTo(200);
    assertThat(leaf.owner()).isEqualTo(OWNER);
  }

  @Test
  void onAnEqualDistanceTheReadingInsideTheWindowWins() {
    Meter m = meter(500, START - 1_000, START + 1_000, END - 1_000, END + 1_000);
    DeviceWindow w = builder.select(UP, List.of(m.readings(0))).windows().get(0);
    assertThat(w.first()).isEqualTo(m.readings().get(1));
    assertThat(w.last()).isEqualTo(m.readings().get(2));
  }

  @Test
  void aDownWindowCountsNetImport() {
    Credentials key = newKey();
    MeterReading a = new MeterReading(key.getAddress(), 1, START, 100, 100, 0, 0);
    MeterReading b = new MeterReading(key.getAddress(), 2, END, 2_100, 150, -2_000, 0);
    Selection s =
        builder.select(
            new Window(START, END, Direction.DOWN, SLACK),
            List.of(
                new DeviceReadings(
                    key.getAddress(),
                    OWNER,
                    RATED_W,
                    -300,
                    List.of(
                        SignedMeterReading.sign(METER, a, key.getEcKeyPair()),
                        SignedMeterReading.sign(METER, b, key.getEcKeyPair())))));
    // Net import 2000 - 50 = 1950 Wh, baseline -300 (it would have exported): 2250 Wh delivered.
    assertThat(s.windows().get(0).deliveredWh()).isEqualTo(2_250);
  }

  @Test
  void leavesOutADeviceWithNoReadingNearAnEdge() {
    Meter lateStart = meter(100, START + SLACK + 1, END);
    Meter earlyEnd = meter(100, START, END - SLACK - 1);
    Meter none = meter(100);
    Selection s =
        builder.select(UP, List.of(lateStart.readings(0), earlyEnd.readings(0), none.readings(0)));
    assertThat(s.windows()).isEmpty();
    assertThat(s.excluded())
        .containsExactly(
            new Excluded(lateStart.address().toLowerCase(), Exclusion.NO_READING_AT_START),
            new Excluded(earlyEnd.address().toLowerCase(), Exclusion.NO_READING_AT_END),
            new Excluded(none.address().toLowerCase(), Exclusion.NO_READING_AT_START));
  }

  @Test
  void readingsExactlyAtTheSlackStillCount() {
    Meter m = meter(100, START - SLACK, END + SLACK);
    assertThat(builder.select(UP, List.of(m.readings(0))).windows()).hasSize(1);
  }

  @Test
  void aForgedOrForeignReadingIsNeverPicked() {
    Meter m = meter(1_000, START + 1_000, END - 1_000);
    Credentials forger = newKey();
    // The forger signs a reading of the device claiming more export, closer to the end edge.
    MeterReading fake = new MeterReading(m.address(), 150, END, 50, 9_000, 0, 0);
    List<SignedMeterReading> readings = new ArrayList<>(m.readings());
    readings.add(SignedMeterReading.sign(METER, fake, forger.getEcKeyPair()));
    // A genuine reading of another device handed in under this one's name.
    Meter other = meter(100, END);
    readings.add(other.readings().get(0));
    Selection s =
        builder.select(UP, List.of(new DeviceReadings(m.address(), OWNER, RATED_W, 0, readings)));
    assertThat(s.windows().get(0).last()).isEqualTo(m.readings().get(1));

    // Only forged readings at the end: the device is left out, not posted.
    List<SignedMeterReading> onlyForged =
        List.of(m.readings().get(0), SignedMeterReading.sign(METER, fake, forger.getEcKeyPair()));
    assertThat(
            builder
                .select(UP, List.of(new DeviceReadings(m.address(), OWNER, RATED_W, 0, onlyForged)))
                .excluded())
        .extracting(Excluded::reason)
        .containsExactly(Exclusion.NOT_SIGNED_BY_DEVICE);
  }

  @Test
  void leavesOutWhatFraudProofsWouldProve() {
    // 5 kW for an hour is at most 5500 + 2 Wh: 6000 Wh exported is above the rated power.
    Meter tooFast = meter(6_000, START, END);
    Meter fine = meter(5_000, START, END);
    Selection s = builder.select(UP, List.of(tooFast.readings(0), fine.readings(6_000)));
    assertThat(s.excluded())
        .extracting(Excluded::reason)
        .containsExactly(Exclusion.ABOVE_RATED_POWER, Exclusion.BASELINE_ABOVE_RATED_POWER);
  }

  @Test
  void aSingleReadingNearBothEdgesOfAShortWindowIsNotAWindow() {
    long start = START;
    long end = START + 60_000;
    Meter m = meter(10, START + 30_000);
    Selection s =
        builder.select(new Window(start, end, Direction.UP, SLACK), List.of(m.readings(0)));
    assertThat(s.excluded()).extracting(Excluded::reason).containsExactly(Exclusion.NOT_INCREASING);
  }

  @Test
  void aDeviceListedTwiceCountsOnce() {
    Meter m = meter(100, START, END);
    Selection s = builder.select(UP, List.of(m.readings(0), m.readings(0)));
    assertThat(s.windows()).hasSize(1);
    assertThat(s.excluded())
        .extracting(Excluded::reason)
        .containsExactly(Exclusion.DUPLICATE_DEVICE);
  }

  @Test
  void theTreeHasOneProvableLeafPerWindowInOrder() {
    List<DeviceReadings> devices = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // above the parallel threshold
      devices.add(meter(10 + i, START, END).readings(i % 7));
    }
    Selection s = builder.select(UP, devices);
    EvidenceTree tree = builder.tree(s.windows());
    assertThat(tree.leaves()).hasSize(300);
    for (int i = 0; i < 300; i++) {
      EvidenceLeaf leaf = tree.leaves().get(i);
      assertThat(leaf.device()).isEqualTo(devices.get(i).device());
      assertThat(leaf.deliveredWh()).isEqualTo(Math.max(0, 10 + i - i % 7));
      assertThat(
              StandardMerkleTree.verify(
                  tree.root(), StandardMerkleTree.leafHash(leaf.abiEncoded()), tree.proof(i)))
          .isTrue();
    }
  }

  @Test
  void refusesMalformedInput() {
    Meter m = meter(100, START, END);
    assertThatThrownBy(() -> new Window(END, START, Direction.UP, SLACK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Window(START, END, Direction.UP, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeviceReadings("0x12", OWNER, RATED_W, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeviceReadings(m.address(), OWNER, 0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new DeviceWindow(
                    OWNER, m.readings().get(0), meter(1, END).readings().get(0), 0, Direction.UP))
        .hasMessageContaining("two devices");
    assertThatThrownBy(() -> new SignedMeterReading(m.readings().get(0).reading(), new byte[64]))
        .hasMessageContaining("65 bytes");
  }
}
