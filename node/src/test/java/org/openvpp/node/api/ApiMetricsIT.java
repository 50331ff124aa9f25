package org.openvpp.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvpp.bridge.protocol.RejectionReason;
import org.openvpp.bridge.verify.RejectionCounter;
import org.openvpp.contracts.evidence.MeterReading;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.api.metrics.BridgeMeters;
import org.openvpp.node.api.metrics.P2pMeters;
import org.openvpp.node.p2p.Libp2pNetwork;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.host.HostConfig;

/**
 * {@code /metrics} in Prometheus text: the node's own meters (process, API requests), the bridge's
 * (fleet gauges, rejections counted by the bridge's own counter on the same registry) and the p2p
 * host's (peers and connections of two real hosts on 127.0.0.1).
 */
class ApiMetricsIT {
  @TempDir Path dir;

  @Test
  void servesNodeBridgeAndP2pMeters() throws Exception {
    try (ApiHarness api = new ApiHarness(dir)) {
      Libp2pNetwork ours = network(api);
      Libp2pNetwork peer = network(api);
      RejectionCounter rejections = new RejectionCounter(api.metrics);
      BridgeMeters.register(api.metrics, api.fleet, () -> 42);
      P2pMeters.register(api.metrics, ours);
      try {
        get(ours.connect(peer.listenAddress()));
        Await.until(() -> ours.connectedPeers().size() == 1, "the hosts connect");
        api.fleet.accept(new MeterReading(ApiHarness.DEVICE, 1, 2_000, 0, 0, 3_200, 500));
        rejections.increment(RejectionReason.MALFORMED_JSON);
        rejections.increment(RejectionReason.MALFORMED_JSON);
        assertThat(api.get("/v1/status").statusCode()).isEqualTo(200);

        HttpResponse<String> r = api.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = r.body();
        assertThat(text)
            .contains("jvm_memory_used_bytes")
            .contains("process_uptime_seconds")
            .containsPattern(
                "vpp_api_requests_seconds_count\\{method=\"GET\",route=\"/v1/status\",status=\"200\"} 1")
            .contains("vpp_api_event_streams 0")
            .contains("vpp_bridge_devices 1")
            .contains("vpp_bridge_devices_online 1")
            .contains("vpp_bridge_power_watts 3200")
            .contains("vpp_bridge_readings_stored_total 42")
            .containsPattern("vpp_bridge_rejected_total\\{[^}]*reason=\"MALFORMED_JSON\"[^}]*} 2")
            .contains("vpp_p2p_peers 1")
            .containsPattern("vpp_p2p_connections_opened_total [1-9]")
            .contains("vpp_p2p_rejected_total{reason=\"");
      } finally {
        get(ours.stop());
        get(peer.stop());
      }
    }
  }

  private static Libp2pNetwork network(ApiHarness api) throws Exception {
    Libp2pNetwork n =
        new Libp2pNetwork(api.vertx, HostConfig.builder(Ed25519Keys.generate()).build());
    get(n.start());
    return n;
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
