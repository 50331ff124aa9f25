package org.openvpp.bridge.mqtt;

/**
 * A received MQTT message.
 *
 * @param topic the topic it was published on
 * @param payload the raw payload (the receiver owns the array)
 * @param qos 0, 1 or 2
 * @param retained whether the broker delivered it from its retained store
 * @param messageId the packet id, used to acknowledge it with {@link MqttConnection#ack}
 */
public record MqttMessage(String topic, byte[] payload, int qos, boolean retained, int messageId) {}
