package org.openvpp.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;
import static org.openvpp.bridge.testkit.Fixtures.TYPED;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.DispatchCommand;
import org.openvpp.bridge.protocol.Heartbeat;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.Protocol;
import org.openvpp.bridge.protocol.Receipt;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.testkit.Fixtures;

class DeviceAgentTest {
  final SimClock clock = new SimClock(T0);
  final Signer node = Fixtures.signer(100);
  final Signer deviceKey = Fixtures.signer(1);
  final List<String> topics = new ArrayList<>();
  final List<byte[]> payloads = new ArrayList<>();
  final DeviceAgent agent =
      new DeviceAgent(
          new HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 500),
          deviceKey,
          TYPED,
          node.address(),
          clock,
          (t, p, r) -> {
            topics.add(t);
            payloads.add(p);
          });
  long heartbeatSeq;

  void heartbeat() {
    agent.onHeartbeat(
        MessageCodec.encode(
            node.sign(new Heartbeat(node.address(), ++heartbeatSeq, clock.millis()))));
  }

  CommandAck command(Signer by, long id, long target, long validMs) {
    DispatchCommand c =
        new DispatchCommand(
            node.address(),
            deviceKey.address(),
            id,
            target,
            clock.millis(),
            clock.millis() + validMs);
    agent.onCommand(MessageCodec.encode(by.sign(c)));
    return lastAck();
  }

  CommandAck lastAck() {
    for (int i = topics.size() - 1; i >= 0; i--) {
      if (topics.get(i).endsWith("/" + Topics.ACK)) {
        return MessageCodec.decodeAck(payloads.get(i)).value().orElseThrow();
      }
    }
    throw new AssertionError("no ack");
  }

  @Test
  void obeysASignedCommandFromItsNodeWithinItsLimits() {
    heartbeat();
    CommandAck ack = command(node, 1, 8_000, 600_000);
    assertThat(ack.status()).isEqualTo(CommandAck.Status.ACCEPTED);
    assertThat(ack.appliedPowerW()).isEqualTo(5_000);
    clock.advance(10_000);
    agent.step();
    assertThat(agent.physics().powerW()).isEqualTo(5_000);
  }

  @Test
  void rejectsCommandsFromAnotherKeyReplayedOrWithoutAHeartbeat() {
    assertThat(command(node, 1, 1_000, 600_000).reason()).isEqualTo("no-heartbeat");
    heartbeat();
    assertThat(command(Fixtures.signer(55), 2, 1_000, 600_000).reason()).isEqualTo("not-my-node");
    assertThat(command(node, 3, 1_000, 600_000).status()).isEqualTo(CommandAck.Status.ACCEPTED);
    assertThat(command(node, 3, 1_000, 600_000).reason()).isEqualTo("replayed");
    assertThat(command(node, 4, 1_000, Protocol.MAX_COMMAND_VALIDITY_MS + 1).reason())
        .isEqualTo("validity-too-long");
  }

  @Test
  void returnsToOwnerBehaviourWhenTheHeartbeatStops() {
    heartbeat();
    command(node, 1, 3_000, 3_600_000);
    clock.advance(Protocol.HEARTBEAT_TIMEOUT_MS - 1_000);
    agent.step();
    assertThat(agent.activeCommand()).isPresent();
    clock.advance(1_000);
    agent.step();
    assertThat(agent.activeCommand()).isEmpty();
    assertThat(lastAck().status()).isEqualTo(CommandAck.Status.REVERTED);
    assertThat(agent.physics().powerW()).isZero();
  }

  @Test
  void returnsToOwnerBehaviourWhenTheCommandExpires() {
    heartbeat();
    command(node, 1, 3_000, 10_000);
    clock.advance(10_000);
    heartbeat();
    agent.step();
    assertThat(agent.activeCommand()).isEmpty();
    assertThat(lastAck().status()).isEqualTo(CommandAck.Status.COMPLETED);
  }

  @Test
  void keepsReadingsUntilTheNodeReceiptsThem() {
    for (int i = 0; i < 5; i++) {
      clock.advance(1_000);
      agent.step();
      agent.publishReading();
    }
    assertThat(agent.unreceiptedCount()).isEqualTo(5);
    agent.onReceipt(MessageCodec.encode(new Receipt(deviceKey.address(), 3)));
    assertThat(agent.unreceiptedCount()).isEqualTo(2);
    topics.clear();
    assertThat(agent.replayUnreceipted()).isEqualTo(2);
    assertThat(topics).hasSize(2);
  }

  @Test
  void keepsEveryReadingAReceiptDoesNotCoverWhateverOrderReceiptsArriveIn() {
    for (int i = 0; i < 6; i++) {
      clock.advance(1_000);
      agent.step();
      agent.publishReading();
    }
    agent.onReceipt(MessageCodec.encode(new Receipt(deviceKey.address(), 4)));
    agent.onReceipt(MessageCodec.encode(new Receipt(deviceKey.address(), 2))); // late, older
    assertThat(agent.unreceiptedSequences()).containsExactly(5L, 6L);
    agent.onReceipt(MessageCodec.encode(new Receipt(Fixtures.signer(2).address(), 6)));
    agent.onReceipt("{\"v\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(agent.unreceiptedSequences()).containsExactly(5L, 6L);
    agent.onReceipt(MessageCodec.encode(new Receipt(deviceKey.address(), 5)));
    assertThat(agent.unreceiptedSequences()).containsExactly(6L);
  }

  @Test
  void aForgedReadingTakesNoSequenceOfTheDevice() {
    agent.publishReading();
    agent.misbehave(Misbehaviour.WRONG_KEY);
    agent.publishReading();
    agent.behave();
    agent.publishReading();
    assertThat(agent.sequence()).isEqualTo(2);
    assertThat(agent.unreceiptedSequences()).containsExactly(1L, 2L);
  }

  @Test
  void republishesLimitsWhenTheyChangeOrAreOld() {
    assertThat(agent.publishLimitsIfChanged()).isTrue();
    assertThat(agent.publishLimitsIfChanged()).isFalse();
    clock.advance(15 * 60_000);
    assertThat(agent.publishLimitsIfChanged()).isTrue();
    heartbeat();
    command(node, 1, 5_000, 7_200_000);
    for (int i = 0; i < 40; i++) { // discharge to the owner's minimum of 10 %
      clock.advance(60_000);
      heartbeat();
      agent.step();
    }
    assertThat(agent.limits().maxPowerW()).isZero();
    assertThat(agent.publishLimitsIfChanged()).isTrue();
  }

  @Test
  void cumulativeRegistersFollowThePower() {
    heartbeat();
    command(node, 1, 2_000, 7_200_000);
    for (int i = 0; i < 60; i++) {
      clock.advance(60_000);
      heartbeat();
      agent.step();
    }
    assertThat(agent.publishReading().reading().exportWh()).isBetween(1_999L, 2_000L);
  }
}
