package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;

/**
 * What a device's owner allows the node to use, on top of the device's own envelope: the node's
 * dispatcher never plans a device below {@code minSocPermille}, never into {@code reserveWh}, and
 * leaves an EV charged for {@code departureMs}. Zero means "no such limit".
 *
 * @param minSocPermille lowest state of charge, ‰ (0–1000)
 * @param reserveWh energy never spent, Wh (backup reserve)
 * @param departureMs UTC ms of the next departure of an EV, 0 if none
 * @param updatedAtMs UTC ms of the last change, 0 if never set
 */
public record OwnerLimits(int minSocPermille, long reserveWh, long departureMs, long updatedAtMs)
    implements JsonView {

  public static final OwnerLimits NONE = new OwnerLimits(0, 0, 0, 0);

  public OwnerLimits {
    if (minSocPermille < 0 || minSocPermille > 1000) {
      throw new IllegalArgumentException("minSocPermille must be 0..1000: " + minSocPermille);
    }
    if (reserveWh < 0 || departureMs < 0 || updatedAtMs < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("minSocPermille", minSocPermille)
        .put("reserveWh", reserveWh)
        .put("departureMs", departureMs)
        .put("updatedAtMs", updatedAtMs);
  }
}
