package org.openvpp.node.api.events;

import java.util.HashMap;
import java.util.Map;
import org.openvpp.node.api.model.DeviceSource;
import org.openvpp.node.api.model.DeviceView;

/**
 * Turns the fleet's live state into {@code device} events: polled (the bridge's fleet view has no
 * change feed), each device whose state differs from the last poll is published once. Not
 * thread-safe: one poll at a time.
 */
public final class DeviceChanges {
  private final DeviceSource devices;
  private final NodeEvents events;
  private final Map<String, DeviceView> last = new HashMap<>();

  public DeviceChanges(DeviceSource devices, NodeEvents events) {
    this.devices = devices;
    this.events = events;
  }

  /** Publishes the devices that changed since the last poll; returns how many. */
  public synchronized int poll() {
    int changed = 0;
    for (DeviceView d : devices.devices()) {
      if (!d.equals(last.put(d.device(), d))) {
        events.publish("device", d.toJson());
        changed++;
      }
    }
    return changed;
  }
}
