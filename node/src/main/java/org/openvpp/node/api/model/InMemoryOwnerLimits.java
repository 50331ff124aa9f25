package org.openvpp.node.api.model;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Owner limits kept in memory, until the store keeps them in the node's database. */
public final class InMemoryOwnerLimits implements OwnerLimitsStore {
  private final Map<String, OwnerLimits> byDevice = new ConcurrentHashMap<>();

  @Override
  public Optional<OwnerLimits> get(String device) {
    return Optional.ofNullable(byDevice.get(device));
  }

  @Override
  public void put(String device, OwnerLimits limits) {
    byDevice.put(device, limits);
  }
}
