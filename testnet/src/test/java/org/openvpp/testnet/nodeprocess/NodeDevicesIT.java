package org.openvpp.testnet.nodeprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.contracts.testing.Await;
import org.openvpp.testnet.LocalTestnet;
import org.openvpp.testnet.TestnetConfig;
import org.openvpp.testnet.fleet.SimulatedFleet;

/**
 * The node daemon talks to real devices: a node process ({@code java -jar vpp-node.jar}) on a real
 * chain, one simulated device of each of the five classes registered on-chain and connected to the
 * node's broker as MQTT clients. The API lists each with its registered class and rating, online,
 * with live power and readings; a device that drops off is shown offline (its last will).
 */
class NodeDevicesIT {
  private static final Path NODE_JAR = Path.of("../node/target/vpp-node.jar");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void theApiShowsEveryRegisteredDeviceLiveAndADeviceThatDropsOff() throws Exception {
    try (LocalTestnet net =
        LocalTestnet.start(TestnetConfig.forTests(), LocalTestnet.ProgressListener.silent())) {
      SimulatedFleet fleet = SimulatedFleet.register(net, 5);
      Path deployment = dir.resolve("deployment.json");
      net.deployment().write(deployment);
      try (NodeUnderTest node =
          NodeUnderTest.init(
              NodeUnderTest.Launch.viaJar(NODE_JAR),
              dir.resolve("node"),
              net.chain().rpcUrl(),
              deployment,
              new NodeUnderTest.Ports(freePort(), freePort(), freePort()))) {
        node.startAndAwaitHealthy();
        try (SimulatedFleet.Running running =
            fleet.connect(node.brokerUrl(), node.address(), 1_000)) {
          Await.until(
              Duration.ofSeconds(60),
              () -> online(node).size() == 5,
              "all five devices online with readings in GET /v1/devices");
          Map<String, JsonNode> shown = online(node);
          for (SimulatedFleet.Member m : fleet.members()) {
            JsonNode d = shown.get(address(m));
            assertThat(d).as("device %s", address(m)).isNotNull();
            assertThat(d.path("deviceClass").asText()).isEqualTo(m.deviceClass().name());
            assertThat(d.path("ratedPowerW").asLong()).isEqualTo(m.ratedW());
            assertThat(Math.abs(d.path("powerW").asLong())).isLessThanOrEqualTo(m.ratedW());
            assertThat(d.path("socPermille").asInt()).isBetween(0, 1_000);
          }

          running.devices().get(0).goOffline();
          String dropped = address(fleet.members().get(0));
          Await.until(
              Duration.ofSeconds(60),
              () -> !online(node).containsKey(dropped),
              "the dropped device shown offline");
          assertThat(online(node)).hasSize(4);
        }
        assertThat(node.stop()).isLessThan(60_000);
      }
    }
  }

  /** Devices GET /v1/devices shows online with at least one reading, by lower-case address. */
  private static Map<String, JsonNode> online(NodeUnderTest node) {
    try {
      var resp = node.get("/v1/devices?limit=1000");
      assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
      Map<String, JsonNode> out = new HashMap<>();
      for (JsonNode d : JSON.readTree(resp.body())) {
        if (d.path("online").asBoolean() && d.path("lastReadingMs").asLong() > 0) {
          out.put(d.path("device").asText().toLowerCase(Locale.ROOT), d);
        }
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String address(SimulatedFleet.Member m) {
    return ("0x" + org.web3j.crypto.Keys.getAddress(m.key())).toLowerCase(Locale.ROOT);
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
