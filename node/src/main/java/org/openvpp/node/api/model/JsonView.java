package org.openvpp.node.api.model;

import io.vertx.core.json.JsonObject;

/**
 * A record the API serves. Each writes its own JSON so the wire format is explicit (amounts as
 * decimal strings, addresses as lower-case hex) and matches the OpenAPI document.
 */
public interface JsonView {
  JsonObject toJson();
}
