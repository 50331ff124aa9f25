package org.openvpp.node.api.events;

import io.vertx.core.json.JsonObject;

/**
 * A change the node announces on {@code /v1/events} (Server-Sent Events).
 *
 * @param id increasing per process, the SSE {@code id:} field
 * @param type the SSE {@code event:} field ({@code limits}, {@code device}, {@code rewards}, …)
 * @param data the JSON payload
 */
public record NodeEvent(long id, String type, JsonObject data) {

  /** The event in the text/event-stream wire format, ending with the blank line. */
  public String wire() {
    return "id: " + id + "\nevent: " + type + "\ndata: " + data.encode() + "\n\n";
  }
}
