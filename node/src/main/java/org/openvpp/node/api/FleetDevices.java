package org.openvpp.node.api;

import java.util.List;
import java.util.Optional;
import org.openvpp.bridge.fleet.DeviceState;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.node.api.model.DeviceSource;
import org.openvpp.node.api.model.DeviceView;

/** The devices of the bridge's fleet view (live, in memory), as the API shows them. */
public final class FleetDevices implements DeviceSource {
  private final FleetView fleet;

  public FleetDevices(FleetView fleet) {
    this.fleet = fleet;
  }

  @Override
  public List<DeviceView> devices() {
    return fleet.snapshot().stream().map(FleetDevices::view).toList();
  }

  @Override
  public Optional<DeviceView> device(String address) {
    return fleet.get(address).map(FleetDevices::view);
  }

  static DeviceView view(DeviceState s) {
    return new DeviceView(
        s.device(),
        s.registration().map(r -> r.owner()),
        s.registration().map(r -> r.deviceClass().name()),
        s.ratedPowerW(),
        s.online(),
        s.powerW(),
        s.socPermille(),
        s.lastReadingMs(),
        s.limits()
            .map(
                l ->
                    new DeviceView.Envelope(
                        l.baselineW(), l.minPowerW(), l.maxPowerW(), l.timestampMs())),
        s.registration().map(r -> r.assurance().name()));
  }
}
