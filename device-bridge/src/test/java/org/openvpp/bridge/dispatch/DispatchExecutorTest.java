package org.openvpp.bridge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.Limits;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.SignedCommand;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.sim.SimClock;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.eip712.Signatures;

class DispatchExecutorTest {
  final SimClock clock = new SimClock(T0);
  final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
  final FleetView fleet = new FleetView(directory);
  final Signer node = Fixtures.signer(100);
  final List<SignedCommand> sent = new ArrayList<>();
  final String a = Fixtures.signer(1).address();
  final String b = Fixtures.signer(2).address();
  final String c = Fixtures.signer(3).address();
  DispatchExecutor executor;

  @BeforeEach
  void setUp() {
    device(a, 5_000, 5_000);
    device(b, 5_000, 2_000);
    device(c, 10_000, 10_000);
    executor =
        new DispatchExecutor(
            node,
            fleet,
            (topic, payload) -> {
              sent.add(MessageCodec.decodeCommand(payload).value().orElseThrow());
              return CompletableFuture.completedFuture(null);
            },
            clock,
            2_000);
  }

  void device(String address, long rated, long maxExport) {
    directory.put(Fixtures.battery(address, rated, 20_000));
    fleet.accept(new Availability(address, true, T0));
    fleet.accept(new Limits(address, 0, -rated, maxExport, 100, 0, 0, T0));
  }

  void ack(SignedCommand s, CommandAck.Status status) {
    long applied = status == CommandAck.Status.ACCEPTED ? s.command().targetPowerW() : 0;
    executor.onAck(
        new CommandAck(s.command().device(), s.command().commandId(), status, applied, "", 0));
  }

  @Test
  void plannerSplitsInProportionToHeadroomWithinLimits() {
    List<Allocation> split = DispatchPlanner.split(8_500, fleet.snapshot(), Set.of());
    assertThat(split.stream().mapToLong(Allocation::powerW).sum()).isEqualTo(8_500);
    for (Allocation x : split) {
      long cap = fleet.get(x.device()).orElseThrow().upHeadroomW();
      assertThat(x.powerW()).isBetween(1L, cap);
    }
    assertThat(DispatchPlanner.split(100_000, fleet.snapshot(), Set.of()))
        .extracting(Allocation::powerW)
        .containsExactlyInAnyOrder(5_000L, 2_000L, 10_000L);
    assertThat(DispatchPlanner.split(-3_000, fleet.snapshot(), Set.of(a, c)))
        .containsExactly(new Allocation(b, -3_000));
    fleet.accept(new Limits(c, -4_000, -10_000, 10_000, 100, 0, 0, T0));
    assertThat(fleet.get(c).orElseThrow().upHeadroomW()).isEqualTo(14_000);
    assertThat(fleet.get(c).orElseThrow().downHeadroomW()).isEqualTo(6_000);
  }

  @Test
  void commandsAreSignedByTheNodeForTheAddressedDeviceWithAValidityWindow() {
    executor.dispatch(6_000, T0 + 900_000);
    assertThat(sent).isNotEmpty();
    for (SignedCommand s : sent) {
      assertThat(Signatures.recoverAddress(Fixtures.TYPED.digest(s.command()), s.signature()))
          .contains(node.address());
      assertThat(s.command().validFromMs()).isEqualTo(T0);
      assertThat(s.command().validUntilMs()).isEqualTo(T0 + 900_000);
    }
    assertThat(sent.stream().mapToLong(s -> s.command().targetPowerW()).sum()).isEqualTo(6_000);
  }

  @Test
  void redispatchesAroundATimeoutToDevicesWithSpareHeadroom() {
    long id = executor.dispatch(6_000, T0 + 900_000);
    List<SignedCommand> first = List.copyOf(sent);
    assertThat(first).hasSize(3);
    for (SignedCommand s : first) {
      if (!s.command().device().equals(b)) {
        ack(s, CommandAck.Status.ACCEPTED);
      }
    }
    clock.advance(2_000);
    executor.tick();
    DispatchReport report = executor.report(id).orElseThrow();
    assertThat(report.commands())
        .filteredOn(o -> o.state() == CommandOutcome.State.FAILED)
        .extracting(o -> o.allocation().device())
        .containsExactly(b);
    assertThat(report.acknowledgedW() + report.pendingW()).isEqualTo(6_000);
    assertThat(sent.subList(3, sent.size()))
        .extracting(s -> s.command().device())
        .doesNotContain(b);
    for (SignedCommand s : sent.subList(3, sent.size())) {
      ack(s, CommandAck.Status.ACCEPTED);
    }
    report = executor.report(id).orElseThrow();
    assertThat(report.acknowledgedW()).isEqualTo(6_000);
    assertThat(report.shortfallW()).isZero();
  }

  @Test
  void redispatchesTheShareOfARejectingAndAnOfflineDevice() {
    long id = executor.dispatch(4_000, T0 + 900_000);
    sent.stream()
        .filter(s -> s.command().device().equals(c))
        .findFirst()
        .ifPresent(s -> ack(s, CommandAck.Status.REJECTED));
    fleet.accept(new Availability(b, false, T0));
    for (SignedCommand s : List.copyOf(sent)) {
      if (s.command().device().equals(a)) {
        ack(s, CommandAck.Status.ACCEPTED);
      }
    }
    DispatchReport report = executor.report(id).orElseThrow();
    assertThat(report.acknowledgedW() + report.pendingW()).isEqualTo(4_000);
    assertThat(report.acknowledgedW()).isEqualTo(4_000);
    assertThat(sent.get(sent.size() - 1).command())
        .satisfies(
            cmd -> {
              assertThat(cmd.device()).isEqualTo(a);
              assertThat(cmd.targetPowerW()).isEqualTo(4_000);
            });
  }

  @Test
  void reportsTheShortfallWhenTheFleetCannotCoverTheTarget() {
    long id = executor.dispatch(50_000, T0 + 900_000);
    sent.forEach(s -> ack(s, CommandAck.Status.ACCEPTED));
    assertThat(executor.report(id).orElseThrow().shortfallW()).isEqualTo(50_000 - 17_000);
  }

  @Test
  void commandsTargetTheBaselinePlusTheAllocatedChange() {
    fleet.accept(new Limits(a, -7_000, -7_000, 0, 0, 0, 0, T0)); // EV charging at 7 kW
    long id = executor.dispatch(2_000, T0 + 900_000);
    SignedCommand toA =
        sent.stream().filter(s -> s.command().device().equals(a)).findFirst().orElseThrow();
    CommandOutcome outcome =
        executor.report(id).orElseThrow().commands().stream()
            .filter(o -> o.commandId() == toA.command().commandId())
            .findFirst()
            .orElseThrow();
    assertThat(toA.command().targetPowerW())
        .isEqualTo(-7_000 + outcome.allocation().powerW())
        .isLessThanOrEqualTo(0);
  }

  @Test
  void ignoresAcknowledgementsFromTheWrongDevice() {
    long id = executor.dispatch(1_000, T0 + 900_000);
    SignedCommand s = sent.get(0);
    String other = s.command().device().equals(a) ? b : a;
    executor.onAck(
        new CommandAck(other, s.command().commandId(), CommandAck.Status.ACCEPTED, 1_000, "", 0));
    assertThat(executor.report(id).orElseThrow().acknowledgedW()).isZero();
  }

  @Test
  void finishedDispatchesStayReportableForTheRetentionTimeThenAreEvicted() {
    long id = executor.dispatch(1_000, T0 + 10_000);
    sent.forEach(s -> ack(s, CommandAck.Status.ACCEPTED));
    clock.advance(10_000);
    executor.tick();
    assertThat(executor.report(id)).isPresent();
    clock.advance(DispatchRetention.DEFAULT.keepMs() - 1);
    executor.tick();
    assertThat(executor.report(id)).isPresent();
    clock.advance(1);
    executor.tick();
    assertThat(executor.report(id)).isEmpty();
    assertThat(executor.dispatchIds()).doesNotContain(id);
  }

  @Test
  void atMostTheConfiguredNumberOfFinishedDispatchesAreKept() {
    executor =
        new DispatchExecutor(
            node,
            fleet,
            (topic, payload) -> CompletableFuture.completedFuture(null),
            clock,
            2_000,
            new DispatchRetention(3_600_000, 5));
    int count = 8;
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(executor.dispatch(100, clock.millis() + 1_000));
      clock.advance(1_000);
      executor.tick();
    }
    assertThat(executor.dispatchIds()).containsExactlyElementsOf(ids.subList(3, count));
    assertThat(executor.report(ids.get(0))).isEmpty();
    assertThat(executor.report(ids.get(count - 1))).isPresent();
  }

  @Test
  void aConfiguredRetentionIsHonoured() {
    executor =
        new DispatchExecutor(
            node,
            fleet,
            (topic, payload) -> CompletableFuture.completedFuture(null),
            clock,
            2_000,
            new DispatchRetention(5_000, 2));
    long first = executor.dispatch(100, T0 + 1_000);
    long second = executor.dispatch(100, T0 + 1_000);
    long third = executor.dispatch(100, T0 + 1_000);
    clock.advance(1_000);
    executor.tick();
    assertThat(executor.dispatchIds()).containsExactly(second, third);
    assertThat(executor.report(first)).isEmpty();
    clock.advance(5_000);
    executor.tick();
    assertThat(executor.dispatchIds()).isEmpty();
  }

  @Test
  void aTickExaminesOnlyDueDeadlinesAndActiveDispatchesNotTheHistory() {
    // 40 finished dispatches whose commands were all acknowledged: the history a long-running
    // node accumulates. A tick must not walk through it.
    for (int i = 0; i < 40; i++) {
      executor.dispatch(6_000, clock.millis() + 1_000);
      sent.forEach(s -> ack(s, CommandAck.Status.ACCEPTED));
      sent.clear();
    }
    clock.advance(1_000);
    executor.tick();
    long active = executor.dispatch(6_000, clock.millis() + 900_000);
    sent.forEach(s -> ack(s, CommandAck.Status.ACCEPTED));
    clock.advance(100);
    executor.tick();
    assertThat(executor.lastTickExamined()).isLessThanOrEqualTo(1);
    assertThat(executor.report(active).orElseThrow().acknowledgedW()).isEqualTo(6_000);
  }

  @Test
  void invalidRetentionIsRefused() {
    assertThatThrownBy(() -> new DispatchRetention(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DispatchRetention(1_000, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
