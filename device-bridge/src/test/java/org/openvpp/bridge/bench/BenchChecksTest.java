package org.openvpp.bridge.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.dispatch.Allocation;
import org.openvpp.bridge.dispatch.CommandOutcome;
import org.openvpp.bridge.dispatch.DispatchReport;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.store.SqliteReadingStore;
import org.openvpp.bridge.store.StoredReading;

/** The benchmark's result checks reject what a broken run would produce. */
class BenchChecksTest {
  private final ExpectedReadings expected = new ExpectedReadings(3, 2);

  private Set<ByteBuffer> sent() {
    Set<ByteBuffer> s = new HashSet<>();
    expected.payloads.forEach(p -> s.add(ByteBuffer.wrap(p.clone())));
    return s;
  }

  private List<StoredReading> rows() {
    List<StoredReading> rows = new ArrayList<>();
    expected.payloads.forEach(
        p -> rows.add(new StoredReading(WireCodec.decodeReading(p).value().orElseThrow(), 0)));
    return rows;
  }

  @Test
  void deliveryCountsOnlyWhenEverySentPayloadArrivedAndNothingElse() {
    assertThatCode(() -> expected.checkReceived(sent())).doesNotThrowAnyException();
    Set<ByteBuffer> missing = sent();
    missing.remove(ByteBuffer.wrap(expected.payloads.get(4)));
    assertThatThrownBy(() -> expected.checkReceived(missing)).hasMessageContaining("1 payloads");
    Set<ByteBuffer> foreign = sent();
    foreign.remove(ByteBuffer.wrap(expected.payloads.get(4)));
    foreign.add(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> expected.checkReceived(foreign))
        .hasMessageContaining("1 not sent by the bench");
  }

  @Test
  void storedReadingsCountOnlyWhenAllAreThereUnchangedAndSignedByTheirDevice(@TempDir Path dir) {
    try (var store = SqliteReadingStore.open(dir.resolve("ok.db"), "NORMAL")) {
      store.append(rows());
      assertThatCode(() -> expected.checkStored(store)).doesNotThrowAnyException();
    }
    try (var store = SqliteReadingStore.open(dir.resolve("short.db"), "NORMAL")) {
      store.append(rows().subList(0, 5));
      assertThatThrownBy(() -> expected.checkStored(store)).hasMessageContaining("5 stored, 6");
    }
    try (var store = SqliteReadingStore.open(dir.resolve("forged.db"), "NORMAL")) {
      List<StoredReading> rows = rows();
      SignedReading a = rows.get(0).signed();
      SignedReading b = rows.get(1).signed(); // another device's signature on device 0's reading
      rows.set(
          0,
          new StoredReading(
              new SignedReading(a.reading(), SignatureType.SECP256K1, b.signature()), 0));
      store.append(rows);
      assertThatThrownBy(() -> expected.checkStored(store))
          .hasMessageContaining("differ from the signed ones");
    }
  }

  @Test
  void aDispatchCountsOnlyWhenEveryDeviceAcceptedExactlyOneCommand() {
    List<String> devices = List.of("0x" + "1".repeat(40), "0x" + "2".repeat(40));
    CommandOutcome a = accepted(devices.get(0));
    CommandOutcome b = accepted(devices.get(1));
    assertThatCode(() -> DispatchBench.check(report(a, b), devices)).doesNotThrowAnyException();
    assertThatThrownBy(() -> DispatchBench.check(report(a), devices))
        .hasMessageContaining("1 devices commanded, 2 expected");
    assertThatThrownBy(() -> DispatchBench.check(report(a, a, b), devices))
        .hasMessageContaining("unexpected command outcome");
    CommandOutcome failed =
        new CommandOutcome(
            new Allocation(devices.get(1), 2_000),
            0,
            2,
            CommandOutcome.State.FAILED,
            0,
            1,
            Optional.of(5L),
            Optional.of("rejected"));
    assertThatThrownBy(() -> DispatchBench.check(report(a, failed), devices))
        .hasMessageContaining("unexpected command outcome");
  }

  private static CommandOutcome accepted(String device) {
    return new CommandOutcome(
        new Allocation(device, 2_000),
        100,
        1,
        CommandOutcome.State.ACCEPTED,
        2_100,
        1,
        Optional.of(5L),
        Optional.empty());
  }

  private static DispatchReport report(CommandOutcome... c) {
    return new DispatchReport(1, 4_000, List.of(c), 4_000, 0, 0);
  }
}
