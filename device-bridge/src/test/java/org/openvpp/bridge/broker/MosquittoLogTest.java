package org.openvpp.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start failures told apart from Mosquitto 2.0.11's own words (lines copied from the real broker),
 * including the port race the pre-start check cannot close: another process binds the port between
 * the check and Mosquitto's bind.
 */
class MosquittoLogTest {
  @TempDir Path dir;

  @Test
  void aPortTakenAfterTheCheckIsStillNamedAsInUse() throws IOException {
    MosquittoLog log =
        log(
            "1796310386: mosquitto version 2.0.11 starting\n"
                + "1796310386: Opening ipv4 listen socket on port 1883.\n"
                + "1796310386: Error: Address already in use\n");
    BrokerStartException e = log.startFailure(1, Path.of("/usr/sbin/mosquitto"), "127.0.0.1", 1883);
    assertThat(e.reason()).isEqualTo(BrokerStartException.Reason.PORT_IN_USE);
    assertThat(e).hasMessageContaining("127.0.0.1:1883").hasMessageContaining("in use");
  }

  @Test
  void refusedConfigurationAndAddressesAreBadConfig() throws IOException {
    BrokerStartException unknown =
        log("1796310386: Error: Unknown configuration variable \"bogus_key\".\n"
                + "1796310386: Error found at c.conf:16.\n")
            .startFailure(3, Path.of("mosquitto"), "127.0.0.1", 1883);
    assertThat(unknown.reason()).isEqualTo(BrokerStartException.Reason.BAD_CONFIG);
    assertThat(unknown).hasMessageContaining("bogus_key");
    BrokerStartException address =
        log("1796310386: Error: Cannot assign requested address\n")
            .startFailure(1, Path.of("mosquitto"), "10.255.255.1", 1883);
    assertThat(address.reason()).isEqualTo(BrokerStartException.Reason.BAD_CONFIG);
  }

  @Test
  void aRestartReadsOnlyItsOwnLinesAndTheVersionComesFromTheLog() throws IOException {
    MosquittoLog log =
        log("1: mosquitto version 2.0.11 running\n1: Error: Address already in use\n");
    assertThat(log.running()).isTrue();
    log.begin(false);
    assertThat(log.running()).isFalse();
    Files.writeString(
        log.file(),
        "2: mosquitto version 2.0.11 starting\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(log.version()).isEqualTo("2.0.11");
    assertThat(log.startFailure(137, Path.of("m"), "127.0.0.1", 1).reason())
        .isEqualTo(BrokerStartException.Reason.EXITED);
  }

  private MosquittoLog log(String text) throws IOException {
    MosquittoLog log = new MosquittoLog(dir.resolve("mosquitto.log"));
    log.begin(true);
    Files.writeString(log.file(), text);
    return log;
  }
}
