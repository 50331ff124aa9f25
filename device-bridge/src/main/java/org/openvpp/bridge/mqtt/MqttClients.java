package org.openvpp.bridge.mqtt;

import org.openvpp.bridge.mqtt.paho.PahoConnection;

/** Creates MQTT connections; the single place that picks the implementation. */
public final class MqttClients {
  private MqttClients() {}

  public static MqttConnection create(MqttSettings settings, MqttListener listener) {
    return new PahoConnection(settings, listener);
  }
}
