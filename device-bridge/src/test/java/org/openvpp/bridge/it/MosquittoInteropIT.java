package org.openvpp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.dispatch.DispatchReport;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.Limits;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedCommand;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.WireCodec;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.bridge.testkit.MosquittoClients;
import org.openvpp.contracts.eip712.Signatures;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;

/** The bridge against Mosquitto, with mosquitto_pub / mosquitto_sub as independent devices. */
class MosquittoInteropIT extends MosquittoBridgeFixture {
  String reading(long seq) {
    MeterReading r =
        new MeterReading(device.address(), seq, System.currentTimeMillis(), seq, 0, -100, 500);
    return new String(WireCodec.encode(device.sign(r)), StandardCharsets.UTF_8);
  }

  @Test
  void storesAReadingFromMosquittoPubAndSendsAReceiptMosquittoSubSees() {
    try (var receipts = new MosquittoClients.Subscription(broker.port(), topic(Topics.RECEIPT))) {
      MosquittoClients.publish(broker.port(), topic(Topics.READING), reading(1), false);
      Await.until(Duration.ofSeconds(10), () -> bridge.storedCount() == 1, "stored reading");
      Await.until(Duration.ofSeconds(10), () -> !receipts.messages().isEmpty(), "receipt");
      assertThat(receipts.messages().get(0)).contains("\"sequence\":1");
    }
    assertThat(bridge.store().find(device.address(), 1)).isPresent();
  }

  @Test
  void rejectsGarbageFromAnIndependentClientAndKeepsWorking() {
    MosquittoClients.publish(broker.port(), topic(Topics.READING), "{not json", false);
    MosquittoClients.publish(broker.port(), topic(Topics.READING), "{\"v\":1}", false);
    MosquittoClients.publish(broker.port(), "vpp/1/d/0xnotanaddress/reading", reading(1), false);
    MosquittoClients.publish(broker.port(), topic(Topics.READING), reading(1), false);
    Await.until(Duration.ofSeconds(10), () -> bridge.storedCount() == 1, "good reading stored");
    Await.until(Duration.ofSeconds(10), () -> bridge.rejections().total() == 3, "three rejections");
    assertThat(bridge.rejections().count(RejectionReason.MALFORMED_JSON)).isEqualTo(1);
    assertThat(bridge.rejections().count(RejectionReason.SCHEMA)).isEqualTo(1);
    assertThat(bridge.rejections().count(RejectionReason.TOPIC_MISMATCH)).isEqualTo(1);
  }

  @Test
  void dispatchesASignedCommandThatAnIndependentClientReceivesAndAcknowledges() {
    long now = System.currentTimeMillis();
    MosquittoClients.publish(
        broker.port(),
        topic(Topics.AVAILABILITY),
        new String(MessageCodec.encode(new Availability(device.address(), true, now))),
        true);
    MosquittoClients.publish(
        broker.port(),
        topic(Topics.LIMITS),
        new String(
            MessageCodec.encode(new Limits(device.address(), 0, -5_000, 5_000, 100, 0, 0, now))),
        true);
    Await.until(
        Duration.ofSeconds(10),
        () -> bridge.fleet().get(device.address()).map(s -> s.upHeadroomW() == 5_000).orElse(false),
        "fleet view sees the device");
    try (var commands = new MosquittoClients.Subscription(broker.port(), topic(Topics.COMMAND))) {
      long id = bridge.dispatcher().dispatch(3_000, now + 600_000);
      Await.until(Duration.ofSeconds(10), () -> !commands.messages().isEmpty(), "command");
      String json = commands.messages().get(0).substring(topic(Topics.COMMAND).length() + 1);
      SignedCommand cmd = MessageCodec.decodeCommand(json.getBytes()).value().orElseThrow();
      assertThat(Signatures.recoverAddress(Fixtures.TYPED.digest(cmd.command()), cmd.signature()))
          .contains(bridge.nodeAddress());
      assertThat(cmd.command().targetPowerW()).isEqualTo(3_000);
      CommandAck ack =
          new CommandAck(
              device.address(),
              cmd.command().commandId(),
              CommandAck.Status.ACCEPTED,
              3_000,
              "",
              now);
      MosquittoClients.publish(
          broker.port(), topic(Topics.ACK), new String(MessageCodec.encode(ack)), false);
      Await.until(
          Duration.ofSeconds(10),
          () -> bridge.dispatcher().report(id).map(r -> r.acknowledgedW() == 3_000).orElse(false),
          "acknowledged dispatch");
      DispatchReport report = bridge.dispatcher().report(id).orElseThrow();
      assertThat(report.shortfallW()).isZero();
    }
  }

  @Test
  void publishesASignedHeartbeat() {
    try (var hb =
        new MosquittoClients.Subscription(broker.port(), Topics.heartbeat(bridge.nodeAddress()))) {
      Await.until(Duration.ofSeconds(12), () -> !hb.messages().isEmpty(), "heartbeat");
      String json = hb.messages().get(0).substring(hb.messages().get(0).indexOf(' ') + 1);
      var signed = MessageCodec.decodeHeartbeat(json.getBytes()).value().orElseThrow();
      assertThat(
              Signatures.recoverAddress(
                  Fixtures.TYPED.digest(signed.heartbeat()), signed.signature()))
          .contains(bridge.nodeAddress());
    }
  }
}
