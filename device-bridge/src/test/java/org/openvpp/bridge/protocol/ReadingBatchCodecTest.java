package org.openvpp.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.evidence.MeterReading;

class ReadingBatchCodecTest {
  final Signer device = Fixtures.signer(1);

  SignedReading reading(long seq) {
    return device.sign(new MeterReading(device.address(), seq, T0 + seq, seq, 0, 0, 0));
  }

  List<SignedReading> readings(long from, int n) {
    List<SignedReading> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(reading(from + i));
    }
    return out;
  }

  RejectionReason reason(byte[] payload) {
    return ReadingBatchCodec.decode(payload).reason().orElseThrow();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTripsAFullBatchWhoseElementsAreSingleReadingPayloads() {
    ReadingBatch batch =
        new ReadingBatch(device.address(), readings(1, Protocol.MAX_BATCH_READINGS));
    byte[] wire = ReadingBatchCodec.encode(batch);
    assertThat(wire.length).isLessThanOrEqualTo(Protocol.MAX_BATCH_PAYLOAD_BYTES);
    assertThat(ReadingBatchCodec.decode(wire).value()).contains(batch);
    String single = new String(WireCodec.encode(reading(1)), StandardCharsets.UTF_8);
    assertThat(new String(wire, StandardCharsets.UTF_8)).contains(single);
  }

  @Test
  void refusesMoreReadingsThanTheLimitAndAnEmptyBatch() {
    byte[] tooMany =
        ReadingBatchCodec.encode(
            new ReadingBatch(device.address(), readings(1, Protocol.MAX_BATCH_READINGS + 1)));
    assertThat(reason(tooMany)).isEqualTo(RejectionReason.SCHEMA);
    byte[] empty = ReadingBatchCodec.encode(new ReadingBatch(device.address(), List.of()));
    assertThat(reason(empty)).isEqualTo(RejectionReason.SCHEMA);
  }

  @Test
  void refusesAnOversizePayloadBeforeParsingIt() {
    byte[] huge = new byte[Protocol.MAX_BATCH_PAYLOAD_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(reason(huge)).isEqualTo(RejectionReason.OVERSIZE);
  }

  @Test
  void refusesMalformedEnvelopesAndElements() {
    assertThat(reason(utf8("{\"v\":1,"))).isEqualTo(RejectionReason.MALFORMED_JSON);
    assertThat(reason(utf8("[]"))).isEqualTo(RejectionReason.SCHEMA);
    String addr = device.address();
    assertThat(reason(utf8("{\"v\":1,\"device\":\"" + addr + "\",\"readings\":{}}")))
        .isEqualTo(RejectionReason.SCHEMA);
    assertThat(reason(utf8("{\"v\":1,\"device\":\"" + addr + "\",\"readings\":[1]}")))
        .isEqualTo(RejectionReason.SCHEMA);
    assertThat(reason(utf8("{\"v\":2,\"device\":\"" + addr + "\",\"readings\":[]}")))
        .isEqualTo(RejectionReason.UNSUPPORTED_VERSION);
    assertThat(reason(utf8("{\"v\":1,\"device\":\"" + addr + "\",\"readings\":[],\"extra\":1}")))
        .isEqualTo(RejectionReason.SCHEMA);
  }

  @Test
  void refusesAReadingOfAnotherDeviceInsideTheBatch() {
    Signer other = Fixtures.signer(2);
    SignedReading foreign = other.sign(new MeterReading(other.address(), 2, T0, 0, 0, 0, 0));
    byte[] wire =
        ReadingBatchCodec.encode(new ReadingBatch(device.address(), List.of(reading(1), foreign)));
    assertThat(reason(wire)).isEqualTo(RejectionReason.TOPIC_MISMATCH);
  }

  @Test
  void refusesSequencesThatDoNotStrictlyAscend() {
    byte[] swapped =
        ReadingBatchCodec.encode(
            new ReadingBatch(device.address(), List.of(reading(2), reading(1))));
    assertThat(reason(swapped)).isEqualTo(RejectionReason.BATCH_OUT_OF_ORDER);
    byte[] repeated =
        ReadingBatchCodec.encode(
            new ReadingBatch(device.address(), List.of(reading(1), reading(1))));
    assertThat(reason(repeated)).isEqualTo(RejectionReason.BATCH_OUT_OF_ORDER);
  }
}
