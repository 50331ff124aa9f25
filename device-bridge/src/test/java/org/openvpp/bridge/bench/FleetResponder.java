package org.openvpp.bridge.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.bridge.crypto.AddressRecovery;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.DispatchCommand;
import org.openvpp.bridge.protocol.Limits;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.SignedCommand;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.testkit.Fixtures;

/**
 * Many simulated devices behind one MQTT connection (10,000 Paho connections would cost ~50 min of
 * connect time alone): announces them, verifies each command's node signature as firmware would,
 * and acknowledges it at once.
 */
final class FleetResponder implements AutoCloseable {
  private static final int CONNECTIONS = 3;
  private final List<MqttConnection> connections = new java.util.ArrayList<>();
  private final MqttConnection mqtt;
  private final String node;
  private final AddressRecovery recovery = AddressRecovery.fastest();
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  FleetResponder(String url, String node) {
    this.node = node;
    // A shared subscription spreads the commands over several connections, as 10,000 real
    // devices would spread them over 10,000.
    for (int i = 0; i < CONNECTIONS; i++) {
      MqttConnection c =
          MqttClients.create(
              MqttSettings.of(url, "bench-fleet-" + i).withCleanStart(true).withMaxInflight(1000),
              this::onCommand);
      c.connect();
      c.subscribe("$share/bench-fleet/" + Topics.allDevices(Topics.COMMAND), 1);
      connections.add(c);
    }
    this.mqtt = connections.get(0);
  }

  void announce(List<String> devices, long ratedW) {
    long now = System.currentTimeMillis();
    for (String d : devices) {
      mqtt.publish(
          Topics.device(d, Topics.AVAILABILITY),
          MessageCodec.encode(new Availability(d, true, now)),
          1,
          false);
      mqtt.publish(
          Topics.device(d, Topics.LIMITS),
          MessageCodec.encode(new Limits(d, 0, -ratedW, ratedW, 100, 0, 0, now)),
          1,
          false);
    }
  }

  private void onCommand(MqttMessage m) {
    workers.execute(() -> respond(m));
  }

  private void respond(MqttMessage m) {
    SignedCommand s = MessageCodec.decodeCommand(m.payload()).value().orElse(null);
    if (s == null
        || !recovery
            .recover(Fixtures.TYPED.digest(s.command()), s.signature())
            .filter(node::equals)
            .isPresent()) {
      refused.incrementAndGet();
      return;
    }
    DispatchCommand c = s.command();
    CommandAck ack =
        new CommandAck(
            c.device(),
            c.commandId(),
            CommandAck.Status.ACCEPTED,
            c.targetPowerW(),
            "",
            System.currentTimeMillis());
    MqttConnection out = connections.get(Math.floorMod(c.device().hashCode(), CONNECTIONS));
    out.publish(Topics.device(c.device(), Topics.ACK), MessageCodec.encode(ack), 1, false);
    acked.incrementAndGet();
  }

  long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    workers.shutdownNow();
    connections.forEach(MqttConnection::close);
  }
}
