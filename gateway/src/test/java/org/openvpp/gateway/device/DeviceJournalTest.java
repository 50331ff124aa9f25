package org.openvpp.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.contracts.evidence.MeterReading;
import org.web3j.crypto.ECKeyPair;

class DeviceJournalTest {
  private static final TypedData TD =
      new TypedData(BigInteger.valueOf(31337), "0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Signer SIGNER = new Signer(TD, ECKeyPair.create(BigInteger.valueOf(7)));

  @TempDir Path dir;

  private SignedReading reading(long seq) {
    return SIGNER.sign(new MeterReading(SIGNER.address(), seq, 1000 * seq, seq, 2 * seq, -5, 500));
  }

  @Test
  void keepsSequenceAndUnreceiptedReadingsAcrossAReopen() {
    DeviceJournal j = DeviceJournal.open(dir, SIGNER.address(), 10);
    j.append(reading(1));
    j.append(reading(2));
    j.append(reading(3));
    assertThat(j.receipted(2)).isEqualTo(2);

    DeviceJournal again = DeviceJournal.open(dir, SIGNER.address(), 10);
    assertThat(again.sequence()).isEqualTo(3);
    assertThat(again.pending()).containsExactly(reading(3));
    assertThat(again.last()).contains(reading(3));
  }

  @Test
  void refusesAGapOrAReusedSequence() {
    DeviceJournal j = DeviceJournal.open(dir, SIGNER.address(), 10);
    j.append(reading(1));
    assertThatThrownBy(() -> j.append(reading(3))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> j.append(reading(1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(j.sequence()).isEqualTo(1);
  }

  @Test
  void aFullJournalTakesNothingMoreUntilAReceipt() {
    DeviceJournal j = DeviceJournal.open(dir, SIGNER.address(), 2);
    j.append(reading(1));
    j.append(reading(2));
    assertThat(j.hasRoom()).isFalse();
    assertThatThrownBy(() -> j.append(reading(3))).isInstanceOf(IllegalStateException.class);
    j.receipted(1);
    assertThat(j.hasRoom()).isTrue();
  }

  @Test
  void aDamagedJournalStopsTheDeviceInsteadOfRestartingItsSequence() throws Exception {
    Files.writeString(dir.resolve(SIGNER.address() + ".journal.json"), "{\"sequence\":\"x\"}");
    assertThatThrownBy(() -> DeviceJournal.open(dir, SIGNER.address(), 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("damaged");

    Files.writeString(
        dir.resolve(SIGNER.address() + ".journal.json"),
        "{\"sequence\":1,\"pending\":[\"{\\\"v\\\":1}\"]}");
    assertThatThrownBy(() -> DeviceJournal.open(dir, SIGNER.address(), 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not decode");
  }
}
