package org.openvpp.node.api.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;
import org.openvpp.bridge.fleet.DeviceState;
import org.openvpp.bridge.fleet.FleetView;

/**
 * The device bridge's live meters, read from its fleet view when scraped: devices known and online,
 * total power, readings stored. The bridge registers its own rejection counters ({@code
 * vpp.bridge.rejected}) on the registry {@code DeviceBridge.start} is given: pass the same one.
 */
public final class BridgeMeters {
  private BridgeMeters() {}

  /**
   * @param storedReadings readings stored so far ({@code DeviceBridge::storedCount})
   */
  public static void register(
      MeterRegistry registry, FleetView fleet, LongSupplier storedReadings) {
    Gauge.builder("vpp.bridge.devices", fleet, f -> f.snapshot().size())
        .description("registered devices seen on the broker")
        .register(registry);
    Gauge.builder(
            "vpp.bridge.devices.online",
            fleet,
            f -> f.snapshot().stream().filter(DeviceState::online).count())
        .description("devices whose availability says online")
        .register(registry);
    Gauge.builder("vpp.bridge.power", fleet, FleetView::totalPowerW)
        .description("sum of the last verified power of online devices, + = export")
        .baseUnit("watts")
        .register(registry);
    FunctionCounter.builder("vpp.bridge.readings.stored", storedReadings, LongSupplier::getAsLong)
        .description("verified readings stored")
        .register(registry);
  }
}
