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

/** {@link MqttConnection} over Eclipse Paho's MQTT 5 async client. */
public final class PahoConnection implements MqttConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);
  private static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final int MAX_INFLIGHT = 32202; // Paho: too many publishes in progress

  private final MqttSettings settings;
  private final MqttAsyncClient client;
  private final Semaphore inflight;
  private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, Integer> subscriptionQos = new ConcurrentHashMap<>();

  public PahoConnection(MqttSettings settings, MqttListener listener) {
    this.settings = settings;
    this.inflight = new Semaphore(settings.maxInflight());
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
      client.connect(PahoOptions.from(settings)).waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1000L);
      LOG.info("connected to MQTT broker {} as {}", settings.serverUri(), settings.clientId());
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
    try {
      if (!inflight.tryAcquire(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
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
        client.publish(topic, payload, qos, retained, null, new Completion(done, inflight));
        return done;
      } catch (MqttException e) {
        // The broker's receive maximum can be below our window: wait for a slot and retry.
        if (e.getReasonCode() != MAX_INFLIGHT || System.nanoTime() > deadline) {
          inflight.release();
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
