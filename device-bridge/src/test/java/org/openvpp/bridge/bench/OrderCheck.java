package org.openvpp.bridge.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.MosquittoBroker;
import org.openvpp.contracts.testing.Await;

/** Diagnostic: does a QoS 1 stream arrive in per-device order through Mosquitto and Paho? */
public final class OrderCheck {
  private static final java.util.concurrent.ScheduledExecutorService DELAY =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

  private OrderCheck() {}

  public static void main(String[] args) throws Exception {
    ThroughputBench bench = new ThroughputBench(1_000, Integer.parseInt(args[0]));
    bench.prepare();
    boolean manual = args.length > 1;
    Map<String, Long> last = new ConcurrentHashMap<>();
    AtomicLong received = new AtomicLong();
    AtomicLong outOfOrder = new AtomicLong();
    AtomicLong dup = new AtomicLong();
    try (MosquittoBroker broker = MosquittoBroker.start(Files.createTempDirectory("order"))) {
      MqttConnection[] sub = new MqttConnection[1];
      sub[0] =
          MqttClients.create(
              MqttSettings.of(broker.url(), "order-sub").withManualAcks(manual),
              m -> {
                var r = WireCodec.decodeReading(m.payload()).value().orElseThrow().reading();
                Long prev = last.put(r.device(), r.sequence());
                if (prev != null && r.sequence() == prev) {
                  dup.incrementAndGet();
                } else if (prev != null && r.sequence() < prev) {
                  outOfOrder.incrementAndGet();
                }
                received.incrementAndGet();
                if (manual) {
                  DELAY.schedule(
                      () -> sub[0].ack(m), 200, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
              });
      sub[0].connect();
      sub[0].subscribe(Topics.allDevices(Topics.READING), 1);
      bench.publishAllTo(broker.url());
      Await.until(Duration.ofMinutes(3), () -> received.get() >= bench.messages(), "all");
      System.out.printf(
          "received %d, out of order %d, duplicates %d%n",
          received.get(), outOfOrder.get(), dup.get());
      sub[0].close();
    }
    System.exit(0);
  }
}
