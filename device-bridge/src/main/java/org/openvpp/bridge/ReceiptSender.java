package org.openvpp.bridge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Receipt;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.store.ReadingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts to devices (protocol §5.4), coalesced per device and sent every receipt interval (QoS
 * 0), each saved before it is sent: a receipt may cover a sequence settled by a rejection, which
 * the store of readings alone cannot show after a restart.
 */
final class ReceiptSender {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptSender.class);

  private final ReadingStore store;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private volatile MqttConnection mqtt;

  ReceiptSender(ReadingStore store) {
    this.store = store;
  }

  void connect(MqttConnection connection) {
    this.mqtt = connection;
  }

  /** Queues a receipt up to {@code sequence} (never lower than one already queued). */
  void queue(String device, long sequence) {
    if (sequence > 0) {
      pending.merge(device, sequence, Math::max);
    }
  }

  /** Saves and sends what is queued; on a failed save keeps it for the next flush. */
  void flush() {
    Map<String, Long> due = new HashMap<>();
    for (String device : List.copyOf(pending.keySet())) {
      Long seq = pending.remove(device);
      if (seq != null) {
        due.put(device, seq);
      }
    }
    MqttConnection connection = mqtt;
    if (due.isEmpty() || connection == null) {
      due.forEach(this::queue);
      return;
    }
    try {
      store.saveReceipts(due);
    } catch (RuntimeException e) {
      LOG.warn("saving receipts failed, they are sent later: {}", e.toString());
      due.forEach(this::queue);
      return;
    }
    try {
      due.forEach(
          (device, seq) ->
              connection.publish(
                  Topics.device(device, Topics.RECEIPT),
                  MessageCodec.encode(new Receipt(device, seq)),
                  0,
                  false));
    } catch (RuntimeException e) {
      // A lost receipt costs a retransmission: the device re-sends and gets it again.
      LOG.warn("sending receipts failed: {}", e.toString());
    }
  }
}
