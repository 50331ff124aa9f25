package org.openvpp.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.OpenFiles;
import org.openvpp.bridge.verify.DeviceCursor;
import org.openvpp.contracts.evidence.MeterReading;

class SqliteReadingStoreTest {
  @TempDir Path dir;
  final Signer device = Fixtures.signer(3);

  SignedReading reading(long seq) {
    return device.sign(
        new MeterReading(device.address(), seq, Fixtures.T0 + seq, seq * 10, seq, -seq, 500));
  }

  @Test
  void storedReadingsSurviveReopenWithTheirSignatures() {
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL")) {
      store.append(List.of(new StoredReading(reading(1), 1), new StoredReading(reading(2), 2)));
    }
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "NORMAL")) {
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.find(device.address(), 2)).contains(reading(2));
      assertThat(store.readings(device.address(), 1, 2)).containsExactly(reading(1), reading(2));
      assertThat(store.cursors())
          .containsEntry(device.address(), new DeviceCursor(2, Fixtures.T0 + 2, 20, 2));
    }
  }

  @Test
  void appendingTheSameReadingTwiceKeepsOneCopy() {
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL")) {
      store.append(List.of(new StoredReading(reading(1), 1)));
      store.append(List.of(new StoredReading(reading(1), 5)));
      assertThat(store.count()).isEqualTo(1);
      assertThat(store.find(device.address(), 9)).isEmpty();
      store.append(List.of(new StoredReading(reading(4), 1)));
      assertThat(store.previous(device.address(), 3)).contains(reading(1));
      assertThat(store.next(device.address(), 2)).contains(reading(4));
      assertThat(store.next(device.address(), 4)).isEmpty();
    }
  }

  @Test
  void savedReceiptsSurviveReopenAndNeverMoveBack() {
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL")) {
      store.saveReceipts(Map.of(device.address(), 7L, "0x" + "1".repeat(40), 3L));
      store.saveReceipts(Map.of(device.address(), 5L));
    }
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL")) {
      assertThat(store.receipts())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(device.address(), 7L, "0x" + "1".repeat(40), 3L));
    }
  }

  @Test
  void theStoredRunEndsAtTheFirstMissingSequence() {
    try (SqliteReadingStore store = SqliteReadingStore.open(dir.resolve("r.db"), "FULL")) {
      for (long seq : new long[] {1, 2, 3, 5, 6}) {
        store.append(List.of(new StoredReading(reading(seq), seq)));
      }
      assertThat(store.storedRunEnd(device.address(), 0)).isEqualTo(3);
      assertThat(store.storedRunEnd(device.address(), 3)).isEqualTo(3);
      assertThat(store.storedRunEnd(device.address(), 4)).isEqualTo(6);
      assertThat(store.storedRunEnd("0x" + "2".repeat(40), 0)).isZero();
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedWithoutLeavingAConnectionOpen() throws IOException {
    assumeTrue(OpenFiles.supported(), "needs /proc to see open files");
    Path file = dir.resolve("garbage.db");
    Files.write(
        file,
        "this is not an SQLite database, just text that is long enough"
            .repeat(80)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> SqliteReadingStore.open(file, "FULL"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open reading store");
    assertThat(OpenFiles.handlesTo(file)).isZero();
  }

  @Test
  void closeReleasesBothConnections() {
    assumeTrue(OpenFiles.supported(), "needs /proc to see open files");
    Path file = dir.resolve("r.db");
    SqliteReadingStore store = SqliteReadingStore.open(file, "FULL");
    store.append(List.of(new StoredReading(reading(1), 1)));
    assertThat(store.count()).isEqualTo(1);
    assertThat(OpenFiles.handlesTo(file)).isGreaterThanOrEqualTo(2);
    store.close();
    assertThat(OpenFiles.handlesTo(file)).isZero();
  }
}
