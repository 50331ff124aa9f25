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
 * Many simulated devices behind three MQTT connections (10,000 Paho connections would cost ~50 min
 * of connect time alone): announces them, checks that each command names the device of its topic
 * and recovers its node signature (natively) as firmware would, and acknowledges it at once. Each
 * device verifies its own command: no verification is shared between devices.
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
  private final java.util.Map<String, Integer> answered =
      new java.util.concurrent.ConcurrentHashMap<>();

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
        || !Topics.parse(m.topic()).map(t -> t.device().equals(s.command().device())).orElse(false)
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
    answered.merge(c.device(), 1, Integer::sum);
  }

  /**
   * Every device answered exactly one command (verified as addressed to it, signed by the node).
   */
  void checkAnsweredOnce(List<String> devices) {
    if (answered.size() != devices.size()
        || !answered.keySet().containsAll(devices)
        || answered.values().stream().anyMatch(n -> n != 1)) {
      throw new IllegalStateException(
          answered.size() + " devices answered, " + devices.size() + " expected, or some twice");
    }
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
