package org.openvpp.bridge.sim;

/** Where a device agent sends its messages (an MQTT connection, or a list in tests). */
@FunctionalInterface
public interface DeviceOutbox {
  void publish(String topic, byte[] payload, boolean retained);
}
