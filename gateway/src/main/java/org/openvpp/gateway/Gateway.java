package org.openvpp.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvpp.gateway.adapter.AdapterSink;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.DeviceAdapter;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Measurement;
import org.openvpp.gateway.device.BoundDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires adapters to the devices they serve: each adapter's measurements go to the {@link
 * BoundDevice} of the same local id, which signs and publishes them as that device; each device's
 * verified commands go back to its adapter as setpoints. Ticks every device once a second for the
 * fail-safe and retransmission.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final List<DeviceAdapter> adapters = new ArrayList<>();
  private final Map<String, BoundDevice> devices = new HashMap<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "gw-ticker");
            t.setDaemon(true);
            return t;
          });

  /**
   * Adds an adapter and the devices it serves. Every local id of the adapter needs exactly one
   * device: a device without its adapter (or the reverse) is a configuration error.
   */
  public Gateway add(DeviceAdapter adapter, List<BoundDevice> served) {
    Map<String, BoundDevice> byId = new HashMap<>();
    for (BoundDevice d : served) {
      if (devices.containsKey(d.localId()) || byId.put(d.localId(), d) != null) {
        throw new IllegalArgumentException("local id used twice: " + d.localId());
      }
    }
    if (!byId.keySet().equals(adapter.localIds())) {
      throw new IllegalArgumentException(
          adapter.protocol()
              + " adapter serves "
              + adapter.localIds()
              + " but devices are configured for "
              + byId.keySet());
    }
    adapters.add(adapter);
    devices.putAll(byId);
    return this;
  }

  /** Connects every device to the broker, then starts the adapters. */
  public Gateway start() {
    devices.values().forEach(BoundDevice::start);
    for (DeviceAdapter a : adapters) {
      a.start(new Sink(a));
      LOG.info("{} adapter started for {}", a.protocol(), a.localIds());
    }
    ticker.scheduleAtFixedRate(
        () -> devices.values().forEach(BoundDevice::tick), 1, 1, TimeUnit.SECONDS);
    return this;
  }

  public BoundDevice device(String localId) {
    BoundDevice d = devices.get(localId);
    if (d == null) {
      throw new IllegalArgumentException("no device " + localId);
    }
    return d;
  }

  public List<DeviceAdapter> adapters() {
    return List.copyOf(adapters);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    adapters.forEach(DeviceAdapter::close);
    devices.values().forEach(BoundDevice::close);
  }

  /** Routes one adapter's reports; a local id it does not serve is counted, not trusted. */
  private final class Sink implements AdapterSink {
    private final DeviceAdapter adapter;

    Sink(DeviceAdapter adapter) {
      this.adapter = adapter;
    }

    @Override
    public void measured(Measurement m) {
      BoundDevice d = served(m.localId());
      if (d != null) {
        d.measured(m);
      }
    }

    @Override
    public void connection(String localId, ConnectionState state) {
      BoundDevice d = served(localId);
      if (d != null) {
        d.connection(state);
      }
    }

    private BoundDevice served(String localId) {
      if (!adapter.localIds().contains(localId)) {
        adapter.failures().count(localId, FailureReason.UNKNOWN_DEVICE);
        return null;
      }
      return devices.get(localId);
    }
  }
}
