package org.openvpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.gateway.keys.GatewayKeyring;

/**
 * keys-init creates one key per configured charger, named by its identity, and keeps it (an IT:
 * standard-strength wallet encryption takes seconds per key).
 */
class OcppKeysInitIT {
  @Test
  void createsAKeyPerChargerOnceAndPrintsItsAddress(@TempDir Path dir) {
    Map<String, String> props =
        Map.of(
            "gateway.broker.url", "tcp://127.0.0.1:1883",
            "gateway.node.address", "0x" + "1".repeat(40),
            "gateway.device.registry", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "gateway.keys.dir", dir.resolve("keys").toString(),
            "gateway.ocpp.chargers", "WB-1",
            "gateway.ocpp.charger.WB-1.max.power.w", "11000",
            "gateway.ocpp.charger.WB-1.departure", "07:00",
            "gateway.ocpp.charger.WB-1.energy.wh", "10000");
    Map<String, String> env = Map.of(GatewayKeyring.PASSWORD_ENV, "pw");
    List<String> first = GatewayMain.keysInit(props, env);
    assertThat(first).hasSize(2);
    assertThat(first.get(1)).matches("WB-1 0x[0-9a-f]{40}");
    assertThat(Files.exists(dir.resolve("keys").resolve("device-WB-1.json"))).isTrue();
    assertThat(GatewayMain.keysInit(props, env)).isEqualTo(first);
  }
}
