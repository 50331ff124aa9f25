package org.openvpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.mqtt.MqttClients;
import org.openvpp.bridge.mqtt.MqttConnection;
import org.openvpp.bridge.mqtt.MqttListener;
import org.openvpp.bridge.mqtt.MqttMessage;
import org.openvpp.bridge.mqtt.MqttSettings;
import org.openvpp.bridge.protocol.CommandAck;
import org.openvpp.bridge.protocol.DispatchCommand;
import org.openvpp.bridge.protocol.MessageCodec;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.bridge.protocol.Signer;
import org.openvpp.bridge.protocol.Topics;
import org.openvpp.bridge.protocol.TypedData;
import org.openvpp.contracts.identity.Assurance;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.testing.Await;
import org.openvpp.gateway.device.BoundDevice;
import org.openvpp.gateway.sunspec.SunSpecTestServer;
import org.web3j.crypto.ECKeyPair;

/**
 * End to end through the gateway: an independent Modbus TCP server (jsmodbus) serves a SunSpec PV
 * inverter and a battery; the gateway polls them, signs readings with the keys from its wallet
 * files and publishes them as those devices to a real DeviceBridge (embedded broker, SQLite store),
 * which verifies and stores them; a dispatch from the bridge changes the emulated battery's power,
 * and a node-signed command curtails the emulated PV inverter (model 123) until its release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SunSpecGatewayIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private SunSpecTestServer server;
  private DeviceBridge bridge;
  private Gateway gateway;
  private String inverter;
  private String battery;
  private Map<String, String> props;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    server = SunSpecTestServer.start();

    inverter = GatewayTestBench.deviceKey(dir, "inverter-1");
    battery = GatewayTestBench.deviceKey(dir, "battery-1");

    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(GatewayTestBench.registered(inverter, DeviceClass.PV_INVERTER, 8_000, 0));
    directory.put(GatewayTestBench.registered(battery, DeviceClass.HOME_BATTERY, 5_000, 10_000));
    bridge = GatewayTestBench.startBridge(dir, directory, 4242);

    props =
        GatewayTestBench.props(
            bridge,
            dir,
            Map.ofEntries(
                Map.entry("gateway.sunspec.devices", "inverter-1,battery-1"),
                Map.entry("gateway.sunspec.poll.period.ms", "500"),
                Map.entry("gateway.sunspec.timeout.ms", "1000"),
                Map.entry("gateway.sunspec.device.inverter-1.host", "127.0.0.1"),
                Map.entry(
                    "gateway.sunspec.device.inverter-1.port",
                    String.valueOf(server.port("inverter"))),
                Map.entry("gateway.sunspec.device.inverter-1.role", "inverter"),
                Map.entry("gateway.sunspec.device.inverter-1.rated.power.w", "8000"),
                Map.entry("gateway.sunspec.device.battery-1.host", "127.0.0.1"),
                Map.entry(
                    "gateway.sunspec.device.battery-1.port",
                    String.valueOf(server.port("battery"))),
                Map.entry("gateway.sunspec.device.battery-1.role", "battery"),
                Map.entry("gateway.sunspec.device.battery-1.rated.power.w", "5000"),
                Map.entry("gateway.sunspec.device.battery-1.capacity.wh", "10000")));
    gateway = GatewayTestBench.startGateway(props);
  }

  @AfterAll
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (bridge != null) {
      bridge.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void readingsOfBothDevicesArriveVerifiedAndStored() {
    Await.until(
        WAIT,
        () ->
            bridge.store().find(inverter, 3).isPresent()
                && bridge.store().find(battery, 3).isPresent(),
        "three stored readings of each device");
    SignedReading inv = bridge.store().find(inverter, 3).orElseThrow();
    assertThat(inv.reading().powerW()).isEqualTo(3_000);
    assertThat(inv.reading().exportWh()).isGreaterThanOrEqualTo(1_234_567);
    assertThat(inv.reading().socPermille()).isZero();
    SignedReading bat = bridge.store().find(battery, 3).orElseThrow();
    assertThat(bat.reading().importWh()).isGreaterThanOrEqualTo(60_000);
    assertThat(bat.reading().exportWh()).isGreaterThanOrEqualTo(50_000);
    assertThat(bat.reading().socPermille()).isBetween(400, 600);
    // Only DUPLICATE (a harmless retransmission) may have been counted, never a rejected reading.
    assertThat(bridge.rejections().total())
        .isEqualTo(bridge.rejections().count(RejectionReason.DUPLICATE));
    assertThat(bridge.fleet().get(battery).orElseThrow().registration().orElseThrow().assurance())
        .isEqualTo(Assurance.GATEWAY_SIGNED);
  }

  @Test
  void aDispatchChangesTheEmulatedBatterysPower() throws Exception {
    BoundDevice b = gateway.device("battery-1");
    Await.until(WAIT, b::heartbeatFresh, "the battery heard the node's heartbeat");
    Await.until(
        WAIT,
        () ->
            bridge
                .fleet()
                .get(battery)
                .flatMap(s -> s.limits())
                .map(l -> l.maxPowerW() == 5_000)
                .orElse(false),
        "the battery's envelope reached the node");
    long id = bridge.dispatcher().dispatch(3_000, System.currentTimeMillis() + 120_000);
    Await.until(
        WAIT,
        () -> bridge.dispatcher().report(id).map(r -> r.acknowledgedW() == 3_000).orElse(false),
        "3 kW acknowledged by the gateway's battery");
    Await.until(
        WAIT,
        () -> server.state().path("batteryPowerW").asLong() == 3_000,
        "battery discharges 3 kW");
    assertThat(server.state().path("storCtlMod").asInt()).isEqualTo(2);
    assertThat(server.state().path("revertS").asInt()).isBetween(100, 121);
    long seq = b.sequence();
    Await.until(
        WAIT,
        () ->
            bridge
                .store()
                .find(battery, seq + 2)
                .map(r -> r.reading().powerW() == 3_000)
                .orElse(false),
        "a stored reading shows the new power");
  }

  @Test
  void aDispatchCurtailsTheEmulatedInverterAndAReleaseRestoresIt() throws Exception {
    BoundDevice inv = gateway.device("inverter-1");
    Await.until(WAIT, inv::heartbeatFresh, "the inverter heard the node's heartbeat");
    Await.until(
        WAIT,
        () ->
            bridge
                .fleet()
                .get(inverter)
                .flatMap(s -> s.limits())
                .map(l -> l.maxPowerW() == 3_000 && l.minPowerW() == 0)
                .orElse(false),
        "the inverter's curtailable envelope (0..3 kW) reached the node");
    List<CommandAck> acks = new CopyOnWriteArrayList<>();
    MqttConnection node =
        MqttClients.create(
            MqttSettings.of(bridge.embeddedBrokerUrl().orElseThrow(), "probe-curtail"),
            new MqttListener() {
              @Override
              public void onMessage(MqttMessage m) {
                MessageCodec.decodeAck(m.payload()).value().ifPresent(acks::add);
              }
            });
    // Signed with the bridge's own node key: the command the node's executor would send to a
    // single device, published directly so the fleet split does not touch the battery.
    Signer nodeSigner =
        new Signer(
            new TypedData(BigInteger.valueOf(31337), GatewayTestBench.REGISTRY),
            ECKeyPair.create(BigInteger.valueOf(4242)));
    try {
      node.connect();
      node.subscribe(Topics.device(inverter, Topics.ACK), 1);
      long now = System.currentTimeMillis();
      DispatchCommand curtail =
          new DispatchCommand(bridge.nodeAddress(), inverter, 8_000_001, 1_000, now, now + 60_000);
      node.publish(
              Topics.device(inverter, Topics.COMMAND),
              MessageCodec.encode(nodeSigner.sign(curtail)),
              1,
              false)
          .get(10, TimeUnit.SECONDS);
      Await.until(
          WAIT,
          () ->
              acks.stream()
                  .anyMatch(
                      a ->
                          a.commandId() == 8_000_001
                              && a.status() == CommandAck.Status.ACCEPTED
                              && a.appliedPowerW() == 1_000),
          "the curtailment to 1 kW acknowledged by the gateway's inverter");
      Await.until(
          WAIT,
          () -> server.state().path("inverterPowerW").asLong() == 1_000,
          "the emulated inverter curtailed to 1 kW");
      assertThat(server.state().path("wMaxLimEna").asInt()).isEqualTo(1);
      assertThat(server.state().path("wMaxLimPct").asDouble()).isEqualTo(12.5); // of WRtg 8 kW
      assertThat(server.state().path("wMaxLimRevertS").asInt()).isBetween(50, 61);
      long seq = inv.sequence();
      Await.until(
          WAIT,
          () ->
              bridge
                  .store()
                  .find(inverter, seq + 2)
                  .map(r -> r.reading().powerW() == 1_000)
                  .orElse(false),
          "a stored reading shows the curtailed power");

      long later = System.currentTimeMillis();
      DispatchCommand release =
          new DispatchCommand(bridge.nodeAddress(), inverter, 8_000_002, 0, later, later);
      node.publish(
              Topics.device(inverter, Topics.COMMAND),
              MessageCodec.encode(nodeSigner.sign(release)),
              1,
              false)
          .get(10, TimeUnit.SECONDS);
      Await.until(
          WAIT,
          () -> server.state().path("inverterPowerW").asLong() == 3_000,
          "the release lifted the limit: the inverter produces 3 kW again");
      assertThat(server.state().path("wMaxLimEna").asInt()).isZero();
      long seq2 = inv.sequence();
      Await.until(
          WAIT,
          () ->
              bridge
                  .store()
                  .find(inverter, seq2 + 2)
                  .map(r -> r.reading().powerW() == 3_000)
                  .orElse(false),
          "a stored reading shows the restored power");
    } finally {
      node.close();
    }
  }

  @Test
  void aRestartedGatewayContinuesEachDevicesSequenceFromItsJournal() {
    Await.until(
        WAIT, () -> bridge.store().find(inverter, 2).isPresent(), "the inverter is reporting");
    gateway.close();
    long before = bridge.store().count();
    long lastInverter = bridge.store().cursors().get(inverter).sequence();
    gateway = GatewayTestBench.startGateway(props);
    Await.until(
        WAIT,
        () -> bridge.store().find(inverter, lastInverter + 2).isPresent(),
        "readings after the restart continue the inverter's sequence");
    assertThat(bridge.store().count()).isGreaterThan(before);
    for (RejectionReason r :
        new RejectionReason[] {
          RejectionReason.REPLAYED_SEQUENCE,
          RejectionReason.TIME_ROLLBACK,
          RejectionReason.REGISTER_ROLLBACK,
          RejectionReason.BAD_SIGNATURE
        }) {
      assertThat(bridge.rejections().count(r)).as(r.name()).isZero();
    }
  }

  @Test
  void forgedAndMalformedCommandsAreRejectedAndNeverReachTheBattery() throws Exception {
    BoundDevice b = gateway.device("battery-1");
    Await.until(WAIT, b::heartbeatFresh, "the battery heard the node's heartbeat");
    java.util.List<CommandAck> acks = new java.util.concurrent.CopyOnWriteArrayList<>();
    MqttConnection probe =
        MqttClients.create(
            MqttSettings.of(bridge.embeddedBrokerUrl().orElseThrow(), "probe-forger"),
            new MqttListener() {
              @Override
              public void onMessage(MqttMessage m) {
                MessageCodec.decodeAck(m.payload()).value().ifPresent(acks::add);
              }
            });
    try {
      probe.connect();
      probe.subscribe(Topics.device(battery, Topics.ACK), 1);
      long now = System.currentTimeMillis();
      TypedData typed = new TypedData(BigInteger.valueOf(31337), GatewayTestBench.REGISTRY);
      // Claims to come from the node, signed by someone else: charge at 4 kW.
      Signer forger = new Signer(typed, ECKeyPair.create(BigInteger.valueOf(999_999)));
      DispatchCommand forged =
          new DispatchCommand(bridge.nodeAddress(), battery, 9_000_001, -4_000, now, now + 60_000);
      probe
          .publish(
              Topics.device(battery, Topics.COMMAND),
              MessageCodec.encode(forger.sign(forged)),
              1,
              false)
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      probe
          .publish(
              Topics.device(battery, Topics.COMMAND),
              "{\"v\":1,\"garbage\":".getBytes(java.nio.charset.StandardCharsets.UTF_8),
              1,
              false)
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      Await.until(
          WAIT,
          () ->
              acks.stream()
                      .anyMatch(
                          a ->
                              a.commandId() == 9_000_001
                                  && a.status() == CommandAck.Status.REJECTED
                                  && a.reason().equals("not-my-node"))
                  && acks.stream()
                      .anyMatch(
                          a ->
                              a.status() == CommandAck.Status.REJECTED
                                  && a.reason().equals("malformed")),
          "both rejected by the gateway's command rules");
      assertThat(server.state().path("storCtlMod").asInt()).isNotEqualTo(1); // never charging
      assertThat(b.activeCommand().map(c -> c.commandId())).isNotEqualTo(Optional.of(9_000_001L));
    } finally {
      probe.close();
    }
  }
}
