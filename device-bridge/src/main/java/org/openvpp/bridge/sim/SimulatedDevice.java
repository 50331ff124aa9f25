package org.openvpp.bridge.sim;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttListener;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.TypedData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated device as a real MQTT client with its own key, client id and last will. Readings
 * published while disconnected stay in the agent's buffer and are replayed after the reconnect, so
 * a broker restart loses nothing. Call {@link #tick} from one thread (the simulation loop).
 */
public final class SimulatedDevice implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);

  private final DeviceAgent agent;
  private final MqttConnection mqtt;
  private final String node;
  private final ExecutorService inbound =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sim-device-inbound");
            t.setDaemon(true);
            return t;
          });

  public SimulatedDevice(
      String brokerUrl,
      DevicePhysics physics,
      Signer signer,
      TypedData typedData,
      String nodeAddress,
      Clock clock) {
    this.node = nodeAddress;
    Outbox outbox = new Outbox();
    this.agent = new DeviceAgent(physics, signer, typedData, nodeAddress, clock, outbox);
    MqttSettings settings =
        MqttSettings.of(brokerUrl, "dev-" + signer.address().substring(2, 18))
            // Clean start: after a reconnect the device re-sends what matters itself (protocol
            // §4); Paho's own resend of a dead session's in-flight window can exceed the broker's
            // receive maximum and loop on disconnects.
            .withCleanStart(true)
            .withMaxInflight(20)
            .withWill(
                new MqttSettings.Will(
                    Topics.device(signer.address(), Topics.AVAILABILITY), agent.lastWill()));
    this.mqtt = MqttClients.create(settings, new Inbound());
    outbox.connection = mqtt;
  }

  public DeviceAgent agent() {
    return agent;
  }

  public String address() {
    return agent.address();
  }

  /**
   * Connects, subscribes to its command, receipt, node heartbeat and node group-command topics, and
   * announces.
   */
  public SimulatedDevice start() {
    mqtt.connect();
    for (String topic :
        List.of(
            Topics.device(address(), Topics.COMMAND),
            Topics.device(address(), Topics.RECEIPT),
            Topics.heartbeat(node),
            Topics.groupCommand(node))) {
      mqtt.subscribe(topic, 1);
    }
    agent.announce(true);
    return this;
  }

  /** One simulation step: physics, a signed reading, and retransmission of overdue ones. */
  public synchronized void tick() {
    agent.step();
    agent.publishReading();
    agent.publishLimitsIfChanged();
    agent.retransmitIfDue();
  }

  /** Publishes the readings collected for a batch that is not full yet (batching devices). */
  public synchronized void flushBatch() {
    agent.flushBatch();
  }

  /** Retransmits overdue readings without taking a new one (draining after a test). */
  public synchronized void tickRetransmitOnly() {
    agent.retransmitIfDue();
  }

  public synchronized void publishLimits() {
    agent.publishLimits();
  }

  /** Drops the connection without DISCONNECT: the broker publishes the last will. */
  public void goOffline() {
    mqtt.kill();
  }

  public boolean connected() {
    return mqtt.isConnected();
  }

  @Override
  public void close() {
    mqtt.close();
    inbound.shutdownNow();
  }

  /** Waits until messages received so far are handled (tests). */
  public void drainInbound() {
    try {
      inbound.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Outbox implements DeviceOutbox {
    private volatile MqttConnection connection;

    @Override
    public void publish(String topic, byte[] payload, boolean retained) {
      MqttConnection c = connection;
      if (c == null || !c.isConnected()) {
        return; // readings stay buffered in the agent until receipted
      }
      c.publish(topic, payload, 1, retained)
          .exceptionally(
              e -> {
                LOG.debug("device publish to {} failed: {}", topic, e.toString());
                return null;
              });
    }
  }

  private final class Inbound implements MqttListener {
    @Override
    public void onMessage(MqttMessage m) {
      // Never block the MQTT thread on the device lock: hand over to the device's own thread.
      inbound.execute(() -> handle(m));
    }

    private void handle(MqttMessage m) {
      synchronized (SimulatedDevice.this) {
        if (m.topic().equals(Topics.groupCommand(node))) {
          agent.onGroupCommand(m.payload());
        } else if (m.topic().endsWith("/" + Topics.COMMAND)) {
          agent.onCommand(m.payload());
        } else if (m.topic().endsWith("/" + Topics.RECEIPT)) {
          agent.onReceipt(m.payload());
        } else if (m.topic().endsWith("/heartbeat")) {
          agent.onHeartbeat(m.payload());
        }
      }
    }

    @Override
    public void onConnected(boolean reconnect) {
      if (reconnect) {
        inbound.execute(
            () -> {
              synchronized (SimulatedDevice.this) {
                agent.announce(true);
                int n = agent.replayUnreceipted();
                LOG.info("device {} reconnected, replayed {} readings", address(), n);
              }
            });
      }
    }
  }
}
