package org.openvpp.bridge.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openvpp.bridge.directory.DeviceDirectory;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.bridge.protocol.Limits;
import org.openvpp.contracts.evidence.MeterReading;

/** Live state of every device seen on the broker; thread-safe. Only registered devices enter. */
public final class FleetView {
  private final DeviceDirectory directory;
  private final Map<String, DeviceState> devices = new ConcurrentHashMap<>();
  private final List<Consumer<DeviceState>> offlineListeners = new CopyOnWriteArrayList<>();

  public FleetView(DeviceDirectory directory) {
    this.directory = directory;
  }

  /** Called with the new state whenever a device goes offline. */
  public void onOffline(Consumer<DeviceState> listener) {
    offlineListeners.add(listener);
  }

  public void accept(MeterReading r) {
    update(r.device(), s -> s.withReading(r.powerW(), r.socPermille(), r.timestampMs()));
  }

  public void accept(Availability a) {
    DeviceState after = update(a.device(), s -> s.withOnline(a.online()));
    if (after != null && !a.online()) {
      offlineListeners.forEach(l -> l.accept(after));
    }
  }

  public void accept(Limits l) {
    update(l.device(), s -> s.withLimits(l));
  }

  public Optional<DeviceState> get(String device) {
    return Optional.ofNullable(devices.get(device));
  }

  /** Every known device, ordered by address. */
  public List<DeviceState> snapshot() {
    List<DeviceState> out = new ArrayList<>(devices.values());
    out.sort(Comparator.comparing(DeviceState::device));
    return out;
  }

  /** Sum of the last verified power of every online device, W. */
  public long totalPowerW() {
    return devices.values().stream()
        .filter(DeviceState::online)
        .mapToLong(DeviceState::powerW)
        .sum();
  }

  private DeviceState update(String device, java.util.function.UnaryOperator<DeviceState> change) {
    if (!devices.containsKey(device)) {
      var registration = directory.find(device).filter(d -> d.active());
      if (registration.isEmpty()) {
        return null;
      }
      devices.putIfAbsent(device, DeviceState.initial(device, registration));
    }
    return devices.computeIfPresent(device, (k, s) -> change.apply(s));
  }
}
