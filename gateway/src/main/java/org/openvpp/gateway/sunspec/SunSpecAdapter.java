package org.openvpp.gateway.sunspec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openvpp.gateway.adapter.AdapterSink;
import org.openvpp.gateway.adapter.ConnectionState;
import org.openvpp.gateway.adapter.DeviceAdapter;
import org.openvpp.gateway.adapter.FailureCounts;
import org.openvpp.gateway.adapter.FailureReason;
import org.openvpp.gateway.adapter.Setpoint;
import org.openvpp.gateway.adapter.SetpointResult;

/** SunSpec over Modbus TCP for every device of the {@code gateway.sunspec} section. */
public final class SunSpecAdapter implements DeviceAdapter {
  private final Map<String, SunSpecDevice> devices = new LinkedHashMap<>();
  private final FailureCounts failures = new FailureCounts();

  public SunSpecAdapter(SunSpecConfig config, Clock clock) {
    for (SunSpecDeviceConfig d : config.devices()) {
      if (devices.put(d.localId(), new SunSpecDevice(d, config, failures, clock)) != null) {
        throw new IllegalArgumentException(
            "gateway.sunspec.devices lists " + d.localId() + " twice");
      }
    }
  }

  @Override
  public String protocol() {
    return "sunspec";
  }

  @Override
  public Set<String> localIds() {
    return Set.copyOf(devices.keySet());
  }

  @Override
  public void start(AdapterSink sink) {
    devices.values().forEach(d -> d.start(sink));
  }

  @Override
  public CompletionStage<SetpointResult> apply(Setpoint setpoint) {
    SunSpecDevice d = devices.get(setpoint.localId());
    if (d == null) {
      failures.count(setpoint.localId(), FailureReason.UNKNOWN_DEVICE);
      return CompletableFuture.completedFuture(
          new SetpointResult(SetpointResult.Status.REJECTED, 0, "unknown-device"));
    }
    return d.apply(setpoint);
  }

  @Override
  public ConnectionState connectionState(String localId) {
    SunSpecDevice d = devices.get(localId);
    if (d == null) {
      throw new IllegalArgumentException("no SunSpec device " + localId);
    }
    return d.state();
  }

  /** The discovered model chain of a device, or null before discovery (tests, diagnostics). */
  public ModelChain chain(String localId) {
    return devices.get(localId).chain();
  }

  @Override
  public FailureCounts failures() {
    return failures;
  }

  @Override
  public void close() {
    devices.values().forEach(SunSpecDevice::close);
  }
}
