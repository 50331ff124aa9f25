package org.openvpp.bridge.ingest;

import java.util.concurrent.atomic.AtomicInteger;
import org.openvpp.bridge.mqtt.MqttMessage;

/**
 * One received message and how many of its readings are not settled yet (1 for a single reading, n
 * for a batch). The message is acknowledged exactly once, by whoever settles its last reading: a
 * second PUBACK could acknowledge a later message that reuses the packet id.
 */
final class Delivery {
  private final MqttMessage message;
  private final AtomicInteger open;

  Delivery(MqttMessage message, int readings) {
    this.message = message;
    this.open = new AtomicInteger(readings);
  }

  MqttMessage message() {
    return message;
  }

  /** Marks one reading settled; true for the call that settles the last one. */
  boolean settleOne() {
    return open.decrementAndGet() == 0;
  }
}
