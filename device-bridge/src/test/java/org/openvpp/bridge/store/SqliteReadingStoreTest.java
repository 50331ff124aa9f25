package org.openvpp.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.testkit.Fixtures;
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
}
