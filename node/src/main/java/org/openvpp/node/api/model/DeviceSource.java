package org.openvpp.node.api.model;

import java.util.List;
import java.util.Optional;

/** The devices the node manages, with live state. May block: called on a worker thread. */
public interface DeviceSource {
  /** Every device, ordered by address. */
  List<DeviceView> devices();

  /** One device by lower-case address. */
  default Optional<DeviceView> device(String address) {
    return devices().stream().filter(d -> d.device().equals(address)).findFirst();
  }

  static DeviceSource none() {
    return List::of;
  }
}
