package org.openvpp.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.bridge.testkit.Fixtures.T0;
import static org.openvpp.bridge.testkit.Fixtures.TYPED;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.GroupCommand;
import org.openvpp.bridge.protocol.GroupCommandCodec;
import org.openvpp.bridge.protocol.Heartbeat;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.ReadingBatch;
import org.openvpp.bridge.protocol.ReadingBatchCodec;
import org.openvpp.bridge.protocol.Receipt;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.testkit.Fixtures;

/** The device side of protocol revision 2: reading batches and group commands. */
class DeviceAgentGroupTest {
  final SimClock clock = new SimClock(T0);
  final Signer node = Fixtures.signer(100);
  final Signer deviceKey = Fixtures.signer(1);
  final List<String> topics = new ArrayList<>();
  final List<byte[]> payloads = new ArrayList<>();
  final SharedSignatureCheck signatures = SharedSignatureCheck.none();
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
          },
          signatures);
  long heartbeatSeq;

  void heartbeat() {
    agent.onHeartbeat(
        MessageCodec.encode(
            node.sign(new Heartbeat(node.address(), ++heartbeatSeq, clock.millis()))));
  }

  List<CommandAck> acks() {
    List<CommandAck> out = new ArrayList<>();
    for (int i = 0; i < topics.size(); i++) {
      if (topics.get(i).endsWith("/" + Topics.ACK)) {
        out.add(MessageCodec.decodeAck(payloads.get(i)).value().orElseThrow());
      }
    }
    return out;
  }

  byte[] group(Signer by, long id, long validMs, boolean namingMe) {
    List<GroupCommand.Setpoint> s = new ArrayList<>();
    for (int i = 2; i < 6; i++) {
      s.add(new GroupCommand.Setpoint(Fixtures.signer(i).address(), 1_000 * i));
    }
    if (namingMe) {
      s.add(new GroupCommand.Setpoint(deviceKey.address(), -2_000));
    }
    s.sort(Comparator.comparing(GroupCommand.Setpoint::device));
    GroupCommand g =
        new GroupCommand(node.address(), id, clock.millis(), clock.millis() + validMs, s);
    return GroupCommandCodec.encode(by.sign(g));
  }

  @Test
  void publishesReadingsInBatchesOfTheChosenSizeOnTheBatchTopic() {
    agent.batchReadings(3);
    for (int i = 0; i < 7; i++) {
      clock.advance(1_000);
      agent.step();
      agent.publishReading();
    }
    assertThat(topics).containsOnly(Topics.device(agent.address(), Topics.READINGS)).hasSize(2);
    assertThat(agent.flushBatch()).isEqualTo(1);
    List<Long> published = new ArrayList<>();
    for (byte[] p : payloads) {
      ReadingBatch b = ReadingBatchCodec.decode(p).value().orElseThrow();
      b.readings().forEach(r -> published.add(r.reading().sequence()));
    }
    assertThat(published).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(agent.unreceiptedCount()).isEqualTo(7);
  }

  @Test
  void replaysUnreceiptedReadingsAsBatchesAndDropsWhatAReceiptCovers() {
    agent.batchReadings(4);
    for (int i = 0; i < 6; i++) {
      clock.advance(1_000);
      agent.publishReading();
    }
    agent.onReceipt(MessageCodec.encode(new Receipt(agent.address(), 2)));
    topics.clear();
    payloads.clear();
    assertThat(agent.replayUnreceipted()).isEqualTo(4);
    assertThat(payloads).hasSize(1);
    assertThat(ReadingBatchCodec.decode(payloads.get(0)).value().orElseThrow().readings())
        .extracting(r -> r.reading().sequence())
        .containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void obeysItsOwnSetpointOfAGroupCommandAndAcknowledgesIt() {
    heartbeat();
    agent.onGroupCommand(group(node, 10, 60_000, true));
    assertThat(acks())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(CommandAck.Status.ACCEPTED);
              assertThat(a.commandId()).isEqualTo(10);
            });
    assertThat(agent.activeCommand())
        .hasValueSatisfying(c -> assertThat(c.targetPowerW()).isEqualTo(-2_000));
  }

  @Test
  void ignoresAGroupCommandThatDoesNotNameItWithoutVerifyingIt() {
    heartbeat();
    agent.onGroupCommand(group(node, 10, 60_000, false));
    assertThat(acks()).isEmpty();
    assertThat(agent.activeCommand()).isEmpty();
    assertThat(signatures.recoveries()).isZero();
  }

  @Test
  void rejectsForgedReplayedExpiredAndHeartbeatlessGroupCommands() {
    agent.onGroupCommand(group(node, 5, 60_000, true));
    heartbeat();
    agent.onGroupCommand(group(Fixtures.signer(666), 6, 60_000, true));
    agent.onGroupCommand(group(node, 7, 60_000, true));
    agent.onGroupCommand(group(node, 7, 60_000, true));
    agent.onGroupCommand(group(node, 8, 5L * 3600 * 1000, true));
    agent.onGroupCommand("{\"v\":1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(acks())
        .extracting(CommandAck::status, CommandAck::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CommandAck.Status.REJECTED, "no-heartbeat"),
            org.assertj.core.groups.Tuple.tuple(CommandAck.Status.REJECTED, "not-my-node"),
            org.assertj.core.groups.Tuple.tuple(CommandAck.Status.ACCEPTED, ""),
            org.assertj.core.groups.Tuple.tuple(CommandAck.Status.REJECTED, "replayed"),
            org.assertj.core.groups.Tuple.tuple(CommandAck.Status.REJECTED, "validity-too-long"));
  }

  @Test
  void devicesOfOneSimulatorMayShareOneRecoveryOfTheSameGroupBytes() {
    SharedSignatureCheck shared = SharedSignatureCheck.shared();
    List<CommandAck> acks = new ArrayList<>();
    List<DeviceAgent> agents = new ArrayList<>();
    List<GroupCommand.Setpoint> s = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Signer key = Fixtures.signer(i);
      agents.add(
          new DeviceAgent(
              new HomeBattery(10_000, 5_000, 5_000, 0.9, 100, 500),
              key,
              TYPED,
              node.address(),
              clock,
              (t, p, r) -> {
                if (t.endsWith("/" + Topics.ACK)) {
                  acks.add(MessageCodec.decodeAck(p).value().orElseThrow());
                }
              },
              shared));
      s.add(new GroupCommand.Setpoint(key.address(), 500));
    }
    s.sort(Comparator.comparing(GroupCommand.Setpoint::device));
    byte[] wire =
        GroupCommandCodec.encode(
            node.sign(
                new GroupCommand(node.address(), 3, clock.millis(), clock.millis() + 60_000, s)));
    byte[] hb = MessageCodec.encode(node.sign(new Heartbeat(node.address(), 1, clock.millis())));
    for (DeviceAgent a : agents) {
      a.onHeartbeat(hb);
      a.onGroupCommand(wire);
    }
    assertThat(acks).hasSize(5).allMatch(a -> a.status() == CommandAck.Status.ACCEPTED);
    assertThat(shared.recoveries()).isEqualTo(1);
  }
}
