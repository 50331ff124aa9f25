package org.openvpp.bridge;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.bridge.ingest.ReadingPipeline;
import org.openvpp.bridge.mqtt.MqttListener;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.Decoded;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.Topics;

/**
 * Routes messages from the MQTT client thread: readings to the pipeline, control messages to the
 * control thread (so MQTT callbacks never wait for a lock).
 */
final class MqttRouter implements MqttListener {
  private final ReadingPipeline pipeline;
  private final FleetView fleet;
  private final Executor control;
  private final Consumer<CommandAck> acks;
  private volatile boolean closed;

  MqttRouter(
      ReadingPipeline pipeline, FleetView fleet, Executor control, Consumer<CommandAck> acks) {
    this.pipeline = pipeline;
    this.fleet = fleet;
    this.control = control;
    this.acks = acks;
  }

  /** Stops routing: messages from now on stay unacknowledged for the broker's next session. */
  void close() {
    closed = true;
  }

  @Override
  public void onMessage(MqttMessage message) {
    if (closed) {
      return;
    }
    // An exception escaping to Paho would drop the connection, and an unacknowledged message
    // would hold a receive-maximum slot for ever: dead-letter it instead.
    try {
      route(message);
    } catch (RuntimeException e) {
      pipeline.deadLetter(message.topic(), message, e);
    }
  }

  private void route(MqttMessage message) {
    Optional<Topics.DeviceTopic> topic = Topics.parse(message.topic());
    if (topic.isEmpty()) {
      pipeline.reject(
          message.topic(), message, RejectionReason.TOPIC_MISMATCH, "not a device topic");
      return;
    }
    String device = topic.get().device();
    if (topic.get().leaf().equals(Topics.READING)) {
      pipeline.submit(device, message);
    } else if (topic.get().leaf().equals(Topics.READINGS)) {
      pipeline.submitBatch(device, message);
    } else {
      control.execute(() -> control(device, topic.get().leaf(), message));
    }
  }

  private void control(String device, String leaf, MqttMessage message) {
    try {
      dispatchControl(device, leaf, message);
    } catch (RuntimeException e) {
      pipeline.deadLetter(device, message, e);
    }
  }

  private void dispatchControl(String device, String leaf, MqttMessage message) {
    switch (leaf) {
      case Topics.AVAILABILITY ->
          handle(
              device,
              message,
              MessageCodec.decodeAvailability(message.payload()),
              a -> a.device(),
              fleet::accept);
      case Topics.LIMITS ->
          handle(
              device,
              message,
              MessageCodec.decodeLimits(message.payload()),
              l -> l.device(),
              fleet::accept);
      case Topics.ACK ->
          handle(
              device, message, MessageCodec.decodeAck(message.payload()), CommandAck::device, acks);
      default ->
          pipeline.reject(device, message, RejectionReason.TOPIC_MISMATCH, "unexpected leaf");
    }
  }

  private <T> void handle(
      String device,
      MqttMessage message,
      Decoded<T> decoded,
      java.util.function.Function<T, String> deviceOf,
      Consumer<T> use) {
    if (!decoded.isOk()) {
      pipeline.reject(device, message, decoded.reason().orElseThrow(), decoded.detail());
      return;
    }
    T value = decoded.value().orElseThrow();
    if (!deviceOf.apply(value).equals(device)) {
      pipeline.reject(device, message, RejectionReason.TOPIC_MISMATCH, "device field differs");
      return;
    }
    use.accept(value);
    pipeline.acknowledge(message);
  }
}
