package org.openvpp.bridge.broker;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the broker a mode asks for (docs/adr/0004); empty for an external broker. */
public final class LocalBrokers {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBrokers.class);

  private LocalBrokers() {}

  /**
   * What to start.
   *
   * @param mode auto, mosquitto, embedded or external
   * @param bindAddress listen address of a local broker
   * @param port its port (0 = any free port)
   * @param dataDir its files go in {@code mosquitto/} or {@code broker/} below this
   * @param mosquittoBinary configured Mosquitto executable, or empty to search for it
   */
  public record Choice(
      BrokerMode mode,
      String bindAddress,
      int port,
      Path dataDir,
      Optional<Path> mosquittoBinary) {}

  /**
   * Starts Mosquitto ({@code mosquitto}, or {@code auto} when the binary is found), HiveMQ CE
   * ({@code embedded}, or {@code auto} without Mosquitto), or nothing ({@code external}). In {@code
   * auto} a Mosquitto that is found but fails to start is an error, not a fallback: the embedded
   * broker would meet the same taken port or bad address, and hide the cause.
   */
  public static Optional<LocalBroker> start(Choice c) {
    return start(c, MosquittoBinary::locate);
  }

  /**
   * As {@link #start(Choice)} with the binary search given, so the fallback can be tested on a
   * machine where Mosquitto is installed. A configured binary is never searched around: in auto it
   * must exist, else the start fails naming it.
   */
  static Optional<LocalBroker> start(
      Choice c, java.util.function.Function<Optional<Path>, Optional<Path>> locate) {
    return switch (c.mode()) {
      case EXTERNAL -> Optional.empty();
      case MOSQUITTO -> Optional.of(mosquitto(c));
      case EMBEDDED -> Optional.of(embedded(c));
      case AUTO -> {
        if (c.mosquittoBinary().isPresent() || locate.apply(Optional.empty()).isPresent()) {
          yield Optional.of(mosquitto(c));
        }
        LOG.warn(
            "no mosquitto binary found; starting the embedded HiveMQ CE broker (slower to start,"
                + " ~1k msg/s; install the mosquitto package for the fast default)");
        yield Optional.of(embedded(c));
      }
    };
  }

  private static LocalBroker mosquitto(Choice c) {
    return MosquittoProcess.start(
        MosquittoSettings.defaults(c.dataDir().resolve("mosquitto"), c.bindAddress(), c.port())
            .withBinary(c.mosquittoBinary()));
  }

  private static LocalBroker embedded(Choice c) {
    int port = c.port() == 0 ? freePort(c.bindAddress()) : c.port();
    return EmbeddedBroker.start(
        new EmbeddedBrokerSettings(
            c.bindAddress(), port, c.dataDir().resolve("broker"), 1_000_000, 1000, false));
  }

  private static int freePort(String bindAddress) {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(bindAddress))) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new BrokerStartException(
          BrokerStartException.Reason.BAD_CONFIG, "no free port on " + bindAddress, e);
    }
  }
}
