package org.openvpp.bridge.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;
import static org.openvpp.bridge.testkit.Fixtures.TYPED;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.crypto.JavaRecovery;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.sim.SimClock;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.evidence.PhysicalCeiling;

class ReadingVerifierTest {
  final Signer device = Fixtures.signer(1);
  final Signer other = Fixtures.signer(2);
  final SimClock clock = new SimClock(T0);
  final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
  final java.util.TreeMap<Long, SignedReading> stored = new java.util.TreeMap<>();
  final CursorTable cursors = new CursorTable();
  ReadingVerifier verifier;

  @BeforeEach
  void setUp() {
    directory.put(Fixtures.battery(device.address(), 5_000, 10_000));
    directory.put(Fixtures.battery(other.address(), 5_000, 10_000));
    verifier =
        new ReadingVerifier(
            TYPED,
            new JavaRecovery(),
            directory,
            new ReadingVerifier.StoredLookup() {
              @Override
              public Optional<SignedReading> find(String d, long s) {
                return Optional.ofNullable(stored.get(s));
              }

              @Override
              public Optional<SignedReading> previous(String d, long s) {
                return Optional.ofNullable(stored.lowerEntry(s)).map(Map.Entry::getValue);
              }

              @Override
              public Optional<SignedReading> next(String d, long s) {
                return Optional.ofNullable(stored.higherEntry(s)).map(Map.Entry::getValue);
              }
            },
            clock);
  }

  MeterReading reading(long seq, long tsOffsetMs, long importWh, long exportWh) {
    return new MeterReading(device.address(), seq, T0 + tsOffsetMs, importWh, exportWh, 1000, 500);
  }

  Decoded<SignedReading> submit(byte[] payload) {
    Decoded<SignedReading> d = verifier.verify(device.address(), payload, cursors);
    d.value().ifPresent(r -> stored.put(r.reading().sequence(), r));
    return d;
  }

  Decoded<SignedReading> submit(MeterReading r) {
    return submit(WireCodec.encode(device.sign(r)));
  }

  Optional<RejectionReason> reasonFor(String json) {
    return submit(json.getBytes(StandardCharsets.UTF_8)).reason();
  }

  @Test
  void acceptsAGoodSequenceOfReadings() {
    assertThat(submit(reading(1, 0, 100, 0)).isOk()).isTrue();
    clock.advance(60_000);
    assertThat(submit(reading(2, 60_000, 100, 50)).isOk()).isTrue();
    assertThat(cursors.get(device.address()).orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void rejectsOversizePayloads() {
    byte[] big = new byte[2000];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(submit(big).reason()).contains(RejectionReason.OVERSIZE);
  }

  @Test
  void rejectsMalformedJson() {
    assertThat(reasonFor("{\"v\":1,")).contains(RejectionReason.MALFORMED_JSON);
    assertThat(reasonFor("")).contains(RejectionReason.MALFORMED_JSON);
    assertThat(reasonFor("{} {}")).contains(RejectionReason.MALFORMED_JSON);
    assertThat(reasonFor("{\"v\":1,\"v\":1}")).contains(RejectionReason.MALFORMED_JSON);
  }

  @Test
  void rejectsWrongSchema() {
    String good = new String(WireCodec.encode(device.sign(reading(1, 0, 1, 1))));
    assertThat(reasonFor("[1,2]")).contains(RejectionReason.SCHEMA);
    assertThat(reasonFor(good.replace("\"powerW\":1000", "\"powerW\":\"1000\"")))
        .contains(RejectionReason.SCHEMA);
    assertThat(reasonFor(good.replace("\"socPermille\":500", "\"socPermille\":1001")))
        .contains(RejectionReason.SCHEMA);
    assertThat(reasonFor(good.replace("\"importWh\":1", "\"importWh\":1.5")))
        .contains(RejectionReason.SCHEMA);
    assertThat(reasonFor(good.replace("{\"v\":1,", "{\"v\":1,\"extra\":0,")))
        .contains(RejectionReason.SCHEMA);
    assertThat(reasonFor(good.replace("\"v\":1", "\"v\":2")))
        .contains(RejectionReason.UNSUPPORTED_VERSION);
    assertThat(reasonFor(good.replace("secp256k1", "p256")))
        .contains(RejectionReason.UNSUPPORTED_SIGNATURE_TYPE);
  }

  @Test
  void rejectsMissingAndBadSignatures() {
    String good = new String(WireCodec.encode(device.sign(reading(1, 0, 1, 1))));
    String noSig = good.replaceAll(",\"sig\":\"0x[0-9a-f]+\"", "");
    assertThat(reasonFor(noSig)).contains(RejectionReason.MISSING_SIGNATURE);
    assertThat(reasonFor(good.replaceAll("\"sig\":\"0x[0-9a-f]{4}", "\"sig\":\"0x0000")))
        .contains(RejectionReason.BAD_SIGNATURE);
    String tampered = good.replace("\"exportWh\":1", "\"exportWh\":9");
    assertThat(reasonFor(tampered)).contains(RejectionReason.BAD_SIGNATURE);
    assertThat(reasonFor(good.replaceAll("\"sig\":\"0x[0-9a-f]+\"", "\"sig\":\"0x1234\"")))
        .contains(RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void rejectsAReadingSignedByAnotherKeyForThisDevice() {
    SignedReading forged = other.sign(reading(1, 0, 1, 1));
    assertThat(submit(WireCodec.encode(forged)).reason()).contains(RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void rejectsADevicePublishingOnAnotherDevicesTopic() {
    MeterReading own = new MeterReading(other.address(), 1, T0, 0, 0, 0, 0);
    byte[] payload = WireCodec.encode(other.sign(own));
    assertThat(verifier.verify(device.address(), payload, cursors).reason())
        .contains(RejectionReason.TOPIC_MISMATCH);
  }

  @Test
  void rejectsUnknownAndRevokedDevices() {
    Signer stranger = Fixtures.signer(99);
    MeterReading r = new MeterReading(stranger.address(), 1, T0, 0, 0, 0, 0);
    assertThat(
            verifier
                .verify(stranger.address(), WireCodec.encode(stranger.sign(r)), cursors)
                .reason())
        .contains(RejectionReason.UNKNOWN_DEVICE);
    directory.revoke(device.address());
    assertThat(submit(reading(1, 0, 1, 1)).reason()).contains(RejectionReason.REVOKED_DEVICE);
  }

  @Test
  void rejectsClockSkewAndStaleReadings() {
    assertThat(submit(reading(1, 31_000, 1, 1)).reason()).contains(RejectionReason.CLOCK_SKEW);
    assertThat(submit(reading(1, 29_000, 1, 1)).isOk()).isTrue();
    assertThat(submit(reading(2, -8L * 24 * 3600 * 1000, 1, 1)).reason())
        .contains(RejectionReason.STALE);
  }

  @Test
  void tellsDuplicatesFromReplayedAndRolledBackSequences() {
    MeterReading first = reading(1, 0, 10, 10);
    submit(first);
    submit(reading(2, 1000, 10, 11));
    assertThat(submit(first).reason()).contains(RejectionReason.DUPLICATE);
    assertThat(submit(reading(1, 2000, 20, 20)).reason())
        .contains(RejectionReason.REPLAYED_SEQUENCE);
    assertThat(submit(reading(2, 2000, 20, 20)).reason())
        .contains(RejectionReason.REPLAYED_SEQUENCE);
  }

  @Test
  void acceptsALateReadingThatFitsBetweenItsStoredNeighbours() {
    submit(reading(1, 0, 100, 0));
    MeterReading lost = reading(2, 1_000, 101, 0);
    submit(reading(3, 2_000, 102, 0)); // reading 2 was lost on the way and arrives later
    assertThat(submit(lost).isOk()).isTrue();
    assertThat(cursors.get(device.address()).orElseThrow().sequence()).isEqualTo(3);
    assertThat(submit(lost).reason()).contains(RejectionReason.DUPLICATE);
  }

  @Test
  void recognisesADuplicateWhoseOriginalIsNotStoredYet() {
    ReadingVerifier noStore =
        new ReadingVerifier(
            TYPED, new JavaRecovery(), directory, (d, s) -> Optional.empty(), clock);
    byte[] one = WireCodec.encode(device.sign(reading(1, 0, 1, 0)));
    byte[] two = WireCodec.encode(device.sign(reading(2, 1_000, 2, 0)));
    assertThat(noStore.verify(device.address(), one, cursors).isOk()).isTrue();
    assertThat(noStore.verify(device.address(), two, cursors).isOk()).isTrue();
    assertThat(noStore.verify(device.address(), one, cursors).reason())
        .contains(RejectionReason.DUPLICATE);
  }

  @Test
  void rejectsALateReadingThatDoesNotFitItsNeighbours() {
    clock.advance(7_200_000);
    submit(reading(1, 0, 100, 0));
    submit(reading(3, 7_200_000, 102, 0));
    assertThat(submit(reading(2, 3_600_000, 103, 0)).reason())
        .contains(RejectionReason.REGISTER_ROLLBACK);
    assertThat(submit(reading(2, 7_210_000, 101, 0)).reason())
        .contains(RejectionReason.TIME_ROLLBACK);
    assertThat(submit(reading(2, 3_600_000, 101, 0)).isOk()).isTrue();
  }

  @Test
  void rejectsRegisterAndTimeRollbacks() {
    submit(reading(1, 0, 100, 100));
    assertThat(submit(reading(2, 1000, 99, 100)).reason())
        .contains(RejectionReason.REGISTER_ROLLBACK);
    assertThat(submit(reading(3, 1000, 100, 99)).reason())
        .contains(RejectionReason.REGISTER_ROLLBACK);
    assertThat(submit(reading(4, -1000, 100, 100)).reason())
        .contains(RejectionReason.TIME_ROLLBACK);
    assertThat(submit(reading(5, 1000, 100, 100)).isOk()).isTrue();
  }

  @Test
  void rejectsAnEnergyLie() {
    clock.advance(3_600_000);
    submit(reading(1, 0, 0, 0));
    assertThat(submit(reading(2, 3_600_000, 0, 6_000)).reason())
        .contains(RejectionReason.IMPLAUSIBLE_ENERGY);
    assertThat(submit(reading(3, 3_600_000, 0, 5_000)).isOk()).isTrue();
  }

  /**
   * The bridge accepts exactly what the contract's power rule accepts (PhysicalCeiling): a reading
   * one second after the previous may move the 5 kW battery's registers by the ceiling, not more.
   */
  @Test
  void acceptsUpToTheSharedPhysicalCeilingAndNotOneWhMore() {
    clock.advance(3_600_000);
    submit(reading(1, 0, 0, 0));
    long ceiling = PhysicalCeiling.ceilingWh(5_000, 1_000);
    assertThat(ceiling).isEqualTo(3); // 1.39 Wh × 1.1, floored, + 1 Wh per register
    assertThat(submit(reading(2, 1_000, 1, ceiling)).reason())
        .contains(RejectionReason.IMPLAUSIBLE_ENERGY);
    assertThat(submit(reading(3, 1_000, 1, ceiling - 1)).isOk()).isTrue();
  }
}
