package org.openvpp.bridge.mqtt.paho;

/** An MQTT client operation failed (Paho's checked exception, wrapped at the edge). */
public final class MqttClientException extends RuntimeException {
  public MqttClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
