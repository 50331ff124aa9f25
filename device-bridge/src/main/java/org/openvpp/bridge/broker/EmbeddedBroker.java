package org.openvpp.bridge.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback MQTT 5 broker when Mosquitto is not installed: HiveMQ CE embedded in the JVM
 * (docs/adr/0004). Its defaults drop QoS 1 messages for slow subscribers (queue of 1,000, discard),
 * so the configuration written here raises the per-client queue, turns off usage statistics and
 * binds to the given address.
 */
public final class EmbeddedBroker implements LocalBroker {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final EmbeddedHiveMQ hivemq;
  private final EmbeddedBrokerSettings settings;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, EmbeddedBrokerSettings settings) {
    this.hivemq = hivemq;
    this.settings = settings;
  }

  /** Writes the configuration, starts the broker and waits until it listens. */
  public static EmbeddedBroker start(EmbeddedBrokerSettings settings) {
    Path conf = settings.dataDir().resolve("conf");
    Path data = settings.dataDir().resolve("data");
    Path extensions = settings.dataDir().resolve("extensions");
    try {
      Files.createDirectories(conf);
      Files.createDirectories(data);
      Files.createDirectories(extensions);
      Files.writeString(conf.resolve("config.xml"), config(settings), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker directory " + settings.dataDir(), e);
    }
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .build();
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the embedded broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("embedded MQTT broker did not start", e);
    }
    LOG.info("embedded MQTT broker listening on {}", settings.url());
    return new EmbeddedBroker(hivemq, settings);
  }

  static String config(EmbeddedBrokerSettings s) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>%d</max-queue-size>
              <strategy>discard</strategy>
            </queued-messages>
            <receive-maximum><server-receive-maximum>%d</server-receive-maximum></receive-maximum>
          </mqtt>
          <persistence><mode>%s</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(
            s.port(),
            s.bindAddress(),
            s.maxQueueSize(),
            s.serverReceiveMaximum(),
            s.filePersistence() ? "file" : "in-memory");
  }

  /** {@code tcp://bindAddress:port}. */
  @Override
  public String url() {
    return settings.url();
  }

  @Override
  public String description() {
    return "embedded HiveMQ CE " + settings.url();
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("embedded broker did not stop cleanly: {}", e.toString());
    }
  }
}
