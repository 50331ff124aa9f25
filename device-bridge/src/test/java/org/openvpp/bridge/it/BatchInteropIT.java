package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.GroupCommand;
import org.openvpp.bridge.protocol.GroupCommandCodec;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.sim.HomeBattery;
import org.openvpp.bridge.sim.SimulatedDevice;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoClients;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.web3j.crypto.ECKeyPair;

/**
 * Protocol revision 2 against Mosquitto with its own clients: reading batches published by {@code
 * mosquitto_pub} (one of them carrying a forged reading, one oversize) and a group command obeyed
 * by a simulated device, whose acknowledgement {@code mosquitto_sub} sees.
 */
class BatchInteropIT extends MosquittoBridgeFixture {
  final Signer impostor = Fixtures.signer(8);

  SignedReading reading(Signer by, long seq, long t0) {
    return by.sign(new MeterReading(device.address(), seq, t0 + seq * 1_000, seq, 0, -100, 500));
  }

  String batch(List<SignedReading> readings) {
    return new String(
        ReadingBatchCodec.encode(new ReadingBatch(device.address(), readings)),
        StandardCharsets.UTF_8);
  }

  @Test
  void storesABatchFromMosquittoPubRejectingOnlyItsForgedReading() {
    long t0 = System.currentTimeMillis() - 200_000;
    List<SignedReading> readings = new ArrayList<>();
    for (long s = 1; s <= Protocol.MAX_BATCH_READINGS; s++) {
      readings.add(reading(s == 40 ? impostor : device, s, t0));
    }
    try (var receipts = new MosquittoClients.Subscription(broker.port(), topic(Topics.RECEIPT))) {
      MosquittoClients.publish(broker.port(), topic(Topics.READINGS), batch(readings), false);
      Await.until(Duration.ofSeconds(15), () -> bridge.storedCount() == 99, "99 readings stored");
      Await.until(
          Duration.ofSeconds(10), () -> !receipts.messages().isEmpty(), "receipt up to the gap");
      assertThat(receipts.messages().get(0)).contains("\"sequence\":39");
      assertThat(bridge.rejections().count(RejectionReason.BAD_SIGNATURE)).isEqualTo(1);
      // The device re-sends its genuine reading 40 in a batch of one: the run closes.
      MosquittoClients.publish(
          broker.port(), topic(Topics.READINGS), batch(List.of(reading(device, 40, t0))), false);
      Await.until(
          Duration.ofSeconds(10),
          () -> receipts.messages().stream().anyMatch(m -> m.contains("\"sequence\":100")),
          "receipt up to 100");
    }
    assertThat(bridge.store().count()).isEqualTo(100);
  }

  @Test
  void refusesAnOversizeBatchAndKeepsWorking() {
    long t0 = System.currentTimeMillis() - 200_000;
    String ok = batch(List.of(reading(device, 1, t0)));
    String padded =
        ok.replace("{\"v\":1,", "{\"v\":1," + " ".repeat(Protocol.MAX_BATCH_PAYLOAD_BYTES));
    publishFile(topic(Topics.READINGS), padded);
    MosquittoClients.publish(broker.port(), topic(Topics.READINGS), ok, false);
    Await.until(Duration.ofSeconds(10), () -> bridge.storedCount() == 1, "good batch stored");
    Await.until(
        Duration.ofSeconds(10),
        () -> bridge.rejections().count(RejectionReason.OVERSIZE) == 1,
        "oversize counted");
  }

  /** {@code mosquitto_pub -f}: a payload larger than one command-line argument may be. */
  void publishFile(String topic, String payload) {
    try {
      Path file = java.nio.file.Files.writeString(dir.resolve("payload.json"), payload);
      Process p =
          new ProcessBuilder(
                  "mosquitto_pub",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  String.valueOf(broker.port()),
                  "-V",
                  "mqttv5",
                  "-q",
                  "1",
                  "-t",
                  topic,
                  "-f",
                  file.toString())
              .redirectErrorStream(true)
              .start();
      assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSimulatedDeviceObeysItsSetpointInAGroupCommandPublishedByMosquittoPub() {
    ECKeyPair nodeKey = Fixtures.nodeKey();
    Signer node = new Signer(Fixtures.TYPED, nodeKey);
    try (SimulatedDevice sim =
            new SimulatedDevice(
                    broker.url(),
                    new HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 500),
                    device,
                    Fixtures.TYPED,
                    node.address(),
                    Clock.systemUTC())
                .start();
        var acks = new MosquittoClients.Subscription(broker.port(), topic(Topics.ACK))) {
      Await.until(Duration.ofSeconds(15), () -> sim.agent().heartbeatFresh(), "heartbeat heard");
      List<GroupCommand.Setpoint> setpoints = new ArrayList<>();
      setpoints.add(new GroupCommand.Setpoint(device.address(), -2_000));
      for (int i = 0; i < 200; i++) {
        setpoints.add(new GroupCommand.Setpoint(Fixtures.signer(1_000 + i).address(), 1_000));
      }
      setpoints.sort(Comparator.comparing(GroupCommand.Setpoint::device));
      long now = System.currentTimeMillis();
      GroupCommand g = new GroupCommand(node.address(), now * 1000, now, now + 600_000, setpoints);
      MosquittoClients.publish(
          broker.port(),
          Topics.groupCommand(node.address()),
          new String(GroupCommandCodec.encode(node.sign(g)), StandardCharsets.UTF_8),
          false);
      Await.until(Duration.ofSeconds(10), () -> !acks.messages().isEmpty(), "ack");
      String line = acks.messages().get(0);
      CommandAck ack =
          MessageCodec.decodeAck(line.substring(line.indexOf(' ') + 1).getBytes())
              .value()
              .orElseThrow();
      assertThat(ack.commandId()).isEqualTo(now * 1000);
      assertThat(ack.status()).isEqualTo(CommandAck.Status.ACCEPTED);
      assertThat(ack.appliedPowerW()).isEqualTo(-2_000);
    }
  }
}
