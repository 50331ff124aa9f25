package org.openvpp.node.api.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.P2pNetwork;
import org.openvpp.node.p2p.RejectReason;

/**
 * The p2p host's counters ({@link P2pMetrics}) and connected peers as Micrometer meters, read when
 * scraped: the p2p package stays free of Micrometer (it may move to its own module).
 */
public final class P2pMeters {
  private P2pMeters() {}

  public static void register(MeterRegistry registry, P2pNetwork p2p) {
    P2pMetrics m = p2p.metrics();
    Gauge.builder("vpp.p2p.peers", p2p, n -> n.connectedPeers().size())
        .description("connected peers")
        .register(registry);
    FunctionCounter.builder("vpp.p2p.connections.opened", m, P2pMetrics::connectionsOpened)
        .description("connections opened (in and out)")
        .register(registry);
    FunctionCounter.builder("vpp.p2p.gossip.delivered", m, P2pMetrics::gossipDelivered)
        .description("gossip messages delivered to subscribers")
        .register(registry);
    for (RejectReason reason : RejectReason.values()) {
      FunctionCounter.builder("vpp.p2p.rejected", m, x -> x.rejections(reason))
          .description("peer input refused, by reason")
          .tag("reason", reason.name())
          .register(registry);
    }
  }
}
