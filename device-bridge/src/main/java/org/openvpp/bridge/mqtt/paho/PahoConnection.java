package org.openvpp.bridge.mqtt.paho;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttListener;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttConnection} over Eclipse Paho's MQTT 5 async client.
 *
 * <p>QoS 1 messages take a slot of our in-flight window until the broker acknowledges them; QoS 0
 * messages (the node's heartbeats, receipts to devices) take none, so they never wait for
 * acknowledgements. Paho counts every publish, QoS 0 too, against the broker's receive maximum: the
 * QoS 1 window is kept a few slots below it, so a QoS 0 message always finds room.
 */
public final class PahoConnection implements MqttConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);
  private static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final int MAX_INFLIGHT = 32202; // Paho: too many publishes in progress

  /** MQTT 5: a broker that sends no receive maximum accepts this many. */
  private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

  /** Slots of the broker's receive maximum that QoS 1 never takes. */
  private static final int QOS0_RESERVE = 16;

  private final MqttSettings settings;
  private final MqttAsyncClient client;
  private final Window inflight;
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Integer> subscriptionQos = new ConcurrentHashMap<>();

  public PahoConnection(MqttSettings settings, MqttListener listener) {
    this.settings = settings;
    this.inflight = new Window(settings.maxInflight());
    try {
      client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), persistence());
    } catch (MqttException e) {
      throw new MqttClientException("cannot create MQTT client for " + settings.serverUri(), e);
    }
    client.setManualAcks(settings.manualAcks());
    client.setCallback(new Callback(listener));
  }

  private MqttClientPersistence persistence() {
    return settings.persistenceDir().isPresent()
        ? new MqttDefaultFilePersistence(settings.persistenceDir().get().toString())
        : new MemoryPersistence();
  }

  @Override
  public void connect() {
    try {
      IMqttToken token = client.connect(PahoOptions.from(settings));
      token.waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1000L);
      MqttProperties connack = token.getResponseProperties();
      Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
      int window =
          inflight.fitBelow(receiveMaximum == null ? DEFAULT_RECEIVE_MAXIMUM : receiveMaximum);
      LOG.info(
          "connected to MQTT broker {} as {} (QoS 1 window {})",
          settings.serverUri(),
          settings.clientId(),
          window);
    } catch (MqttException e) {
      throw new MqttClientException("cannot connect to " + settings.serverUri(), e);
    }
  }

  @Override
  public void subscribe(String filter, int qos) {
    subscriptions.add(filter);
    subscriptionQos.put(filter, qos);
    try {
      client.subscribe(filter, qos).waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1000L);
    } catch (MqttException e) {
      throw new MqttClientException("cannot subscribe to " + filter, e);
    }
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Semaphore slot = qos == 0 ? NO_SLOT : inflight;
    try {
      if (!slot.tryAcquire(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        done.completeExceptionally(new MqttClientException("publish window full", null));
        return done;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(e);
      return done;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
    while (true) {
      try {
        client.publish(topic, payload, qos, retained, null, new Completion(done, slot));
        return done;
      } catch (MqttException e) {
        // Paho's count of publishes in progress is full: wait for a slot and retry (for QoS 0
        // only until the few QoS 0 messages ahead are written, see QOS0_RESERVE).
        if (e.getReasonCode() != MAX_INFLIGHT || System.nanoTime() > deadline) {
          slot.release();
          done.completeExceptionally(new MqttClientException("publish to " + topic + " failed", e));
          return done;
        }
        Thread.onSpinWait();
        LockSupport.parkNanos(200_000);
      }
    }
  }

  @Override
  public void ack(MqttMessage message) {
    if (message.qos() == 0) {
      return;
    }
    try {
      client.messageArrivedComplete(message.messageId(), message.qos());
    } catch (MqttException e) {
      LOG.warn("acknowledging message {} failed: {}", message.messageId(), e.toString());
    }
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void kill() {
    try {
      client.disconnectForcibly(0, 0, false);
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("forced disconnect: {}", e.toString());
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      LOG.debug("disconnect: {}", e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("close: {}", e.toString());
    }
  }

  private void resubscribe() {
    for (String filter : subscriptions) {
      try {
        client.subscribe(filter, subscriptionQos.get(filter));
      } catch (MqttException e) {
        LOG.warn("re-subscribing to {} failed: {}", filter, e.toString());
      }
    }
  }

  /** QoS 0 holds no window slot: acquiring and releasing this one never waits. */
  private static final Semaphore NO_SLOT =
      new Semaphore(Integer.MAX_VALUE) {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean tryAcquire(long timeout, TimeUnit unit) {
          return true;
        }

        @Override
        public void release() {}
      };

  /** The QoS 1 window: settings.maxInflight slots, fewer if the broker accepts fewer. */
  private static final class Window extends Semaphore {
    private static final long serialVersionUID = 1L;
    private int size;

    Window(int size) {
      super(size);
      this.size = size;
    }

    /** Shrinks the window to leave {@link #QOS0_RESERVE} of the broker's slots to QoS 0. */
    synchronized int fitBelow(int receiveMaximum) {
      int reserve = Math.max(1, Math.min(QOS0_RESERVE, receiveMaximum / 4));
      int fit = Math.max(1, receiveMaximum - reserve);
      if (fit < size) {
        reducePermits(size - fit);
        size = fit;
      }
      return size;
    }
  }

  /** Completes a publish future and frees its in-flight slot. */
  private record Completion(CompletableFuture<Void> done, Semaphore inflight)
      implements MqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      inflight.release();
      done.complete(null);
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
      inflight.release();
      done.completeExceptionally(cause);
    }
  }

  private final class Callback implements MqttCallback {
    private final MqttListener listener;

    Callback(MqttListener listener) {
      this.listener = listener;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("MQTT connection to {} lost: {}", settings.serverUri(), response.getReasonString());
      listener.onConnectionLost(String.valueOf(response.getReasonString()));
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warn("MQTT error on {}: {}", settings.serverUri(), e.toString());
    }

    @Override
    public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
      listener.onMessage(
          new MqttMessage(topic, m.getPayload(), m.getQos(), m.isRetained(), m.getId()));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        LOG.info("reconnected to {}", serverUri);
        resubscribe();
      }
      listener.onConnected(reconnect);
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
