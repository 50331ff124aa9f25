package org.openvpp.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvpp.bridge.testkit.Fixtures.T0;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvpp.bridge.testkit.Fixtures;
import org.openvpp.contracts.eip712.Signatures;

class GroupCommandTest {
  final Signer node = Fixtures.signer(100);

  List<GroupCommand.Setpoint> setpoints(int n) {
    List<GroupCommand.Setpoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new GroupCommand.Setpoint(Fixtures.signer(1 + i).address(), -1000 - i));
    }
    out.sort(Comparator.comparing(GroupCommand.Setpoint::device));
    return out;
  }

  GroupCommand group(int n) {
    return new GroupCommand(node.address(), 7, T0, T0 + 60_000, setpoints(n));
  }

  @Test
  void aFullGroupFitsTheSizeLimitAndRoundTrips() {
    SignedGroupCommand signed = node.sign(group(Protocol.MAX_GROUP_SETPOINTS));
    byte[] wire = GroupCommandCodec.encode(signed);
    assertThat(wire.length).isLessThanOrEqualTo(Protocol.MAX_BATCH_PAYLOAD_BYTES);
    SignedGroupCommand back = GroupCommandCodec.decode(wire).value().orElseThrow();
    assertThat(back.command()).isEqualTo(signed.command());
    assertThat(Signatures.recoverAddress(Fixtures.TYPED.digest(back.command()), back.signature()))
        .contains(node.address());
  }

  @Test
  void eachDeviceFindsItsOwnSetpointAsASingleCommandAndNoOtherDeviceDoes() {
    GroupCommand g = group(20);
    for (GroupCommand.Setpoint s : g.setpoints()) {
      DispatchCommand c = g.forDevice(s.device()).orElseThrow();
      assertThat(c)
          .isEqualTo(
              new DispatchCommand(
                  node.address(), s.device(), 7, s.targetPowerW(), T0, T0 + 60_000));
    }
    assertThat(g.forDevice(Fixtures.signer(999).address())).isEmpty();
  }

  @Test
  void theSignatureCoversEverySetpoint() {
    GroupCommand g = group(3);
    List<GroupCommand.Setpoint> changed = new ArrayList<>(g.setpoints());
    changed.set(1, new GroupCommand.Setpoint(changed.get(1).device(), 5_000));
    GroupCommand tampered = new GroupCommand(g.node(), 7, T0, T0 + 60_000, changed);
    assertThat(Fixtures.TYPED.digest(tampered)).isNotEqualTo(Fixtures.TYPED.digest(g));
  }

  @Test
  void refusesUnsortedDuplicateEmptyAndOversizeGroups() {
    List<GroupCommand.Setpoint> s = new ArrayList<>(setpoints(2));
    java.util.Collections.reverse(s);
    assertThatThrownBy(() -> new GroupCommand(node.address(), 7, T0, T0, s))
        .isInstanceOf(IllegalArgumentException.class);
    List<GroupCommand.Setpoint> dup = List.of(setpoints(1).get(0), setpoints(1).get(0));
    assertThatThrownBy(() -> new GroupCommand(node.address(), 7, T0, T0, dup))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupCommand(node.address(), 7, T0, T0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new GroupCommand(
                    node.address(), 7, T0, T0, setpoints(Protocol.MAX_GROUP_SETPOINTS + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodingRefusesMalformedOversizeAndUnsortedPayloads() {
    byte[] wire = GroupCommandCodec.encode(node.sign(group(2)));
    String json = new String(wire, StandardCharsets.UTF_8);
    List<GroupCommand.Setpoint> sp = group(2).setpoints();
    String swapped =
        json.replace(sp.get(0).device(), "SWAP")
            .replace(sp.get(1).device(), sp.get(0).device())
            .replace("SWAP", sp.get(1).device());
    assertThat(decode(swapped)).isEqualTo(RejectionReason.SCHEMA);
    assertThat(decode(json.replace("\"setpoints\":[", "\"setpoints\":[{\"device\":1},")))
        .isEqualTo(RejectionReason.SCHEMA);
    assertThat(decode(json.substring(0, 40))).isEqualTo(RejectionReason.MALFORMED_JSON);
    assertThat(decode(json.replace("\"v\":1", "\"v\":2")))
        .isEqualTo(RejectionReason.UNSUPPORTED_VERSION);
    byte[] huge = new byte[Protocol.MAX_BATCH_PAYLOAD_BYTES + 1];
    assertThat(GroupCommandCodec.decode(huge).reason()).contains(RejectionReason.OVERSIZE);
  }

  static RejectionReason decode(String json) {
    return GroupCommandCodec.decode(json.getBytes(StandardCharsets.UTF_8)).reason().orElseThrow();
  }

  @Test
  void tenThousandSetpointsSplitIntoTwentyCommandsThatEachFitTheLimit() {
    java.util.Map<String, Long> targets = new java.util.HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      String device = String.format("0x%040x", 1_000_000L + i * 7919L);
      targets.put(device, (long) -i);
    }
    List<GroupCommand> groups = GroupCommands.split(node.address(), 9, T0, T0 + 60_000, targets);
    assertThat(groups).hasSize(20);
    java.util.Set<String> named = new java.util.HashSet<>();
    for (GroupCommand g : groups) {
      byte[] wire = GroupCommandCodec.encode(node.sign(g));
      assertThat(wire.length).isLessThanOrEqualTo(Protocol.MAX_BATCH_PAYLOAD_BYTES);
      g.setpoints().forEach(s -> named.add(s.device()));
    }
    assertThat(named).isEqualTo(targets.keySet());
    String some = String.format("0x%040x", 1_000_000L + 4_321 * 7919L);
    assertThat(groups.stream().flatMap(g -> g.forDevice(some).stream()).toList())
        .singleElement()
        .satisfies(c -> assertThat(c.targetPowerW()).isEqualTo(-4_321));
  }
}
