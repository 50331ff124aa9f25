package org.openvpp.bridge.mqtt;

import java.util.concurrent.CompletableFuture;

/**
 * One MQTT 5 client connection. The only MQTT API the rest of the bridge sees; the Paho
 * implementation lives in {@code org.openvpp.bridge.mqtt.paho}.
 */
public interface MqttConnection extends AutoCloseable {
  /** Connects (blocking, bounded by the connect timeout); reconnects automatically afterwards. */
  void connect();

  /** Subscribes now and again after every reconnect. */
  void subscribe(String filter, int qos);

  /**
   * Publishes; the future completes when the broker acknowledged (QoS 1) or the message was written
   * (QoS 0), and fails if the client is disconnected.
   */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained);

  /** Acknowledges a message received with manual acks (sends PUBACK). */
  void ack(MqttMessage message);

  boolean isConnected();

  /** Drops the connection without DISCONNECT, so the broker publishes the last will. */
  void kill();

  @Override
  void close();
}
