package org.openvpp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("gateway.broker.url", "ssl://node.local:8883");
    m.put("gateway.node.address", "0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266");
    m.put("gateway.device.registry", "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    m.put("gateway.sunspec.devices", "");
    m.put("gateway.ocpp.anything", "belongs to the OCPP section");
    return m;
  }

  @Test
  void parsesWithDefaultsAndLeavesAdapterSectionsToTheAdapters() {
    GatewayConfig c = GatewayConfig.parse(minimal());
    assertThat(c.nodeAddress()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(c.chainId()).isEqualTo(BigInteger.valueOf(31337));
    assertThat(c.keysDir()).isEqualTo(Path.of("./data/gateway/keys"));
    assertThat(c.passwordFile()).isEmpty();
    assertThat(c.journalCapacity()).isEqualTo(10_000);
  }

  @Test
  void refusesUnknownKeysMissingKeysAndBadAddresses() {
    Map<String, String> typo = minimal();
    typo.put("gateway.brokr.url", "x");
    assertThatThrownBy(() -> GatewayConfig.parse(typo)).hasMessageContaining("unknown key");
    Map<String, String> noBroker = minimal();
    noBroker.remove("gateway.broker.url");
    assertThatThrownBy(() -> GatewayConfig.parse(noBroker)).hasMessageContaining("required");
    Map<String, String> badNode = minimal();
    badNode.put("gateway.node.address", "0x1234");
    assertThatThrownBy(() -> GatewayConfig.parse(badNode)).hasMessageContaining("not an address");
    Map<String, String> capacity = minimal();
    capacity.put("gateway.journal.capacity", "0");
    assertThatThrownBy(() -> GatewayConfig.parse(capacity)).hasMessageContaining("capacity");
  }
}
