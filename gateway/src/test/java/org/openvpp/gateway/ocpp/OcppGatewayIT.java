package org.openvpp.gateway.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.DeviceBridge;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.contracts.identity.Assurance;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.contracts.testing.Await;
import org.openvpp.gateway.Gateway;
import org.openvpp.gateway.GatewayTestBench;
import org.openvpp.gateway.device.BoundDevice;

/**
 * End to end through the gateway: an independent OCPP 1.6J charge point (ocpp-rpc) connects to the
 * gateway started through its own start path; its meter values become readings signed with the
 * charger's key from its wallet file, verified and stored by a real DeviceBridge (embedded broker,
 * SQLite store); a dispatch from the bridge becomes a charging profile the charge point obeys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcppGatewayIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private DeviceBridge bridge;
  private Gateway gateway;
  private OcppChargePoint cp;
  private String charger;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    charger = GatewayTestBench.deviceKey(dir, "WB-1");
    InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    directory.put(GatewayTestBench.registered(charger, DeviceClass.EV_CHARGER, 11_000, 0));
    bridge = GatewayTestBench.startBridge(dir, directory, 4243);
    Map<String, String> props =
        GatewayTestBench.props(
            bridge,
            dir,
            Map.ofEntries(
                Map.entry("gateway.ocpp.host", "127.0.0.1"),
                Map.entry("gateway.ocpp.port", "0"),
                Map.entry("gateway.ocpp.chargers", "WB-1"),
                Map.entry("gateway.ocpp.charger.WB-1.rate.unit", "W"),
                Map.entry("gateway.ocpp.charger.WB-1.max.power.w", "11000"),
                Map.entry("gateway.ocpp.charger.WB-1.departure", "07:00"),
                Map.entry("gateway.ocpp.charger.WB-1.zone", "Europe/Berlin"),
                Map.entry("gateway.ocpp.charger.WB-1.energy.wh", "1000")));
    gateway = GatewayTestBench.startGateway(props);
    OcppAdapter adapter =
        gateway.adapters().stream()
            .filter(OcppAdapter.class::isInstance)
            .map(OcppAdapter.class::cast)
            .findFirst()
            .orElseThrow();
    cp =
        OcppChargePoint.start(
            new JsonObject()
                .put("url", "ws://127.0.0.1:" + adapter.port() + "/ocpp")
                .put("identity", "WB-1")
                .put("maxPowerW", 11_000)
                .put("intervalMs", 250));
  }

  @AfterAll
  void stop() {
    if (cp != null) {
      cp.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void theChargersMeterValuesArriveVerifiedAndStored() {
    Await.until(WAIT, () -> bridge.store().find(charger, 3).isPresent(), "three stored readings");
    // The first reading precedes any dispatch (the node dispatches only after readings arrived).
    SignedReading r = bridge.store().find(charger, 1).orElseThrow();
    assertThat(r.reading().device()).isEqualTo(charger);
    assertThat(r.reading().powerW()).isEqualTo(-11_000);
    assertThat(r.reading().importWh()).isGreaterThanOrEqualTo(1_000);
    assertThat(bridge.store().find(charger, 3).orElseThrow().reading().importWh())
        .isGreaterThanOrEqualTo(r.reading().importWh());
    assertThat(r.reading().exportWh()).isZero();
    assertThat(r.reading().socPermille()).isBetween(200, 1_000);
    assertThat(bridge.rejections().total())
        .isEqualTo(bridge.rejections().count(RejectionReason.DUPLICATE));
    assertThat(bridge.fleet().get(charger).orElseThrow().registration().orElseThrow().assurance())
        .isEqualTo(Assurance.GATEWAY_SIGNED);
  }

  @Test
  void aDispatchBecomesAChargingProfileThatTheChargePointObeys() {
    BoundDevice d = gateway.device("WB-1");
    Await.until(WAIT, d::heartbeatFresh, "the charger's device heard the node's heartbeat");
    Await.until(
        WAIT,
        () -> bridge.fleet().get(charger).map(s -> s.upHeadroomW() >= 6_000).orElse(false),
        "the charger's envelope reached the node");
    // + 6 kW relative to charging at 11 kW: charge at 5 kW.
    long id = bridge.dispatcher().dispatch(6_000, System.currentTimeMillis() + 120_000);
    Await.until(
        WAIT,
        () -> bridge.dispatcher().report(id).map(r -> r.acknowledgedW() == 6_000).orElse(false),
        "6 kW acknowledged by the charger's device");
    JsonObject profile = cp.await("profile", WAIT);
    assertThat(profile.getString("purpose")).isEqualTo("TxProfile");
    assertThat(profile.getDouble("limitW")).isEqualTo(5_000.0);
    long seq = d.sequence();
    Await.until(
        WAIT,
        () ->
            bridge
                .store()
                .find(charger, seq + 2)
                .map(r -> r.reading().powerW() == -5_000)
                .orElse(false),
        "a stored reading shows the charger at 5 kW");
  }
}
