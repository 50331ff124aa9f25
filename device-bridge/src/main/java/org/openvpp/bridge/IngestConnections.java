package org.openvpp.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttListener;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT connections that take readings. With one (the default) the bridge's main connection
 * subscribes to the reading topics itself. With n &gt; 1, the main connection and n − 1 extra ones
 * join one MQTT 5 shared subscription ({@code $share/<group>/vpp/1/d/+/reading} and {@code
 * …/readings}), so the broker spreads readings over n sockets and Paho threads.
 *
 * <p>A shared subscription does not keep one device's messages in order across its members; the
 * bridge does not need it to: the pipeline partitions by device and places every reading by its
 * sequence (a reading that overtook its predecessor is accepted, and the predecessor then fits
 * between its stored neighbours as a late reading, protocol §5.5), and receipts follow the gap-free
 * settled run (§5.4), so arrival order changes neither what is stored nor what is receipted.
 *
 * <p>A PUBACK must go out on the connection that received the message (packet ids are per
 * connection): messages from extra connections are remembered here until acknowledged.
 */
final class IngestConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestConnections.class);

  private final MqttConnection main;
  private final List<MqttConnection> extra = new ArrayList<>();
  private final Map<MqttMessage, MqttConnection> receivedOn = new ConcurrentHashMap<>();

  IngestConnections(MqttConnection main) {
    this.main = main;
  }

  /** The reading filters the main connection subscribes to (shared when n &gt; 1). */
  static List<String> readingFilters(int connections, String clientId) {
    List<String> filters =
        List.of(Topics.allDevices(Topics.READING), Topics.allDevices(Topics.READINGS));
    if (connections == 1) {
      return filters;
    }
    String group = clientId.replaceAll("[^A-Za-z0-9_-]", "_");
    return filters.stream().map(f -> "$share/" + group + "/" + f).toList();
  }

  /**
   * Connects the n − 1 extra connections and subscribes them to the shared reading filters.
   *
   * @param settings the main connection's settings for a client id
   */
  void connectExtra(
      int connections,
      String clientId,
      Function<String, MqttSettings> settings,
      MqttListener router) {
    for (int k = 1; k < connections; k++) {
      MqttConnection[] self = new MqttConnection[1];
      MqttListener tagging =
          m -> {
            receivedOn.put(m, self[0]);
            router.onMessage(m);
          };
      MqttConnection c = MqttClients.create(settings.apply(clientId + "-ingest-" + k), tagging);
      self[0] = c;
      extra.add(c);
      c.connect();
      for (String filter : readingFilters(connections, clientId)) {
        c.subscribe(filter, 1);
      }
    }
    if (connections > 1) {
      LOG.info("readings arrive over {} MQTT connections on a shared subscription", connections);
    }
  }

  /** Acknowledges a message on the connection that received it. */
  void ack(MqttMessage message) {
    MqttConnection on = extra.isEmpty() ? null : receivedOn.remove(message);
    (on == null ? main : on).ack(message);
  }

  /** Closes the extra connections (the main one is the bridge's to close). */
  @Override
  public void close() {
    extra.forEach(MqttConnection::close);
    receivedOn.clear();
  }
}
