package org.openvpp.node.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.openvpp.node.api.events.NodeEvents;

/**
 * The node's own meters: the process (JVM memory and threads, CPU, uptime) and the API's open event
 * streams. Per-route request timers ({@code vpp.api.requests}) are recorded by the routes.
 */
public final class ApiMeters {
  private ApiMeters() {}

  public static void register(MeterRegistry registry, NodeEvents events) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("vpp.api.event.streams", events, NodeEvents::subscribers)
        .description("open /v1/events streams")
        .register(registry);
  }
}
