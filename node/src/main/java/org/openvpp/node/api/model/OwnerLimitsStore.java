package org.openvpp.node.api.model;

import java.util.Optional;

/** Owner limits per device, readable and editable through the API. May block (JDBC). */
public interface OwnerLimitsStore {
  Optional<OwnerLimits> get(String device);

  void put(String device, OwnerLimits limits);
}
