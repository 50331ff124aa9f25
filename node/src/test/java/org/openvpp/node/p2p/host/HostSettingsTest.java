package org.openvpp.node.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.IdentityKeyFile;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.crypto.PrivateKey;

class HostSettingsTest {
  private static final String PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
  private final PrivateKey key = Ed25519Keys.generate();

  @Test
  void everyDeclaredKeyIsRead() {
    HostConfig c =
        HostSettings.from(
            Map.of(
                "p2p.listen", "/ip4/0.0.0.0/tcp/4001",
                "p2p.bootstrap",
                    "/ip4/10.0.0.1/tcp/4001/p2p/"
                        + PEER
                        + ", /dns/boot.example/tcp/4001/p2p/"
                        + PEER,
                "p2p.max-connections", "50",
                "p2p.reconnect-initial-ms", "500",
                "p2p.reconnect-max-ms", "5000",
                "p2p.agent", "test/1"),
            key);
    assertThat(c.listen().tcpPort()).contains(4001);
    assertThat(c.bootstrap()).hasSize(2);
    assertThat(c.maxConnections()).isEqualTo(50);
    assertThat(c.reconnectInitialBackoffMs()).isEqualTo(500);
    assertThat(c.reconnectMaxBackoffMs()).isEqualTo(5000);
    assertThat(c.agentVersion()).isEqualTo("test/1");
    assertThat(HostSettings.KEYS).hasSize(6);
  }

  @Test
  void missingKeysKeepTheDefaults() {
    HostConfig c = HostSettings.from(Map.of(), key);
    assertThat(c.bootstrap()).isEmpty();
    assertThat(c.maxConnections()).isEqualTo(200);
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(() -> HostSettings.from(Map.of("p2p.listen", "/udp/1"), key))
        .hasMessageContaining("p2p.listen");
    assertThatThrownBy(() -> HostSettings.from(Map.of("p2p.bootstrap", "/ip4/1.2.3.4/tcp/1"), key))
        .hasMessageContaining("p2p.bootstrap");
    assertThatThrownBy(() -> HostSettings.from(Map.of("p2p.max-connections", "0"), key))
        .hasMessageContaining("p2p.max-connections");
    assertThatThrownBy(
            () ->
                HostSettings.from(
                    Map.of("p2p.reconnect-initial-ms", "10", "p2p.reconnect-max-ms", "5"), key))
        .hasMessageContaining("p2p.reconnect-max-ms");
  }

  @Test
  void theIdentityKeyFileKeepsThePeerIdAcrossRestarts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/p2p.key");
    PeerId first = PeerId.fromPublicKey(IdentityKeyFile.loadOrCreate(file).publicKey());
    PeerId again = PeerId.fromPublicKey(IdentityKeyFile.loadOrCreate(file).publicKey());
    assertThat(again).isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }
}
