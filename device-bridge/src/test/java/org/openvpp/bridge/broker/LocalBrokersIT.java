package org.openvpp.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which broker each mode starts, with the real binaries and the real embedded broker. */
class LocalBrokersIT {
  @TempDir Path dir;

  @Test
  void autoStartsMosquittoWhenItIsInstalled() {
    try (LocalBroker b = LocalBrokers.start(choice(BrokerMode.AUTO, Optional.empty())).get()) {
      assertThat(b).isInstanceOf(MosquittoProcess.class);
      assertThat(b.description()).startsWith("mosquitto 2.");
    }
  }

  @Test
  void autoFallsBackToTheEmbeddedBrokerWhenNoMosquittoIsFound() {
    try (LocalBroker b =
        LocalBrokers.start(choice(BrokerMode.AUTO, Optional.empty()), x -> Optional.empty())
            .get()) {
      assertThat(b).isInstanceOf(EmbeddedBroker.class);
      assertThat(b.description()).startsWith("embedded HiveMQ CE tcp://127.0.0.1:");
    }
  }

  @Test
  void aConfiguredBinaryThatIsMissingFailsEvenInAuto() {
    Path missing = dir.resolve("sbin/mosquitto");
    assertThatThrownBy(() -> LocalBrokers.start(choice(BrokerMode.AUTO, Optional.of(missing))))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void externalStartsNothing() {
    assertThat(LocalBrokers.start(choice(BrokerMode.EXTERNAL, Optional.empty()))).isEmpty();
  }

  private LocalBrokers.Choice choice(BrokerMode mode, Optional<Path> binary) {
    return new LocalBrokers.Choice(mode, "127.0.0.1", 0, dir, binary);
  }
}
