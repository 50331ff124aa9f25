package org.openvpp.bridge.mqtt;

/** Receives messages and connection events. Called on the client's thread: do not block. */
public interface MqttListener {
  void onMessage(MqttMessage message);

  default void onConnected(boolean reconnect) {}

  default void onConnectionLost(String cause) {}
}
