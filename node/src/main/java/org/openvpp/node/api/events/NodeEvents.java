package org.openvpp.node.api.events;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The node's change feed: any part of the node publishes here (from any thread), and each open
 * {@code /v1/events} stream hears it. Listeners must not block: the SSE streams hand each event to
 * their own event loop.
 */
public final class NodeEvents {
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,39}");

  private final AtomicLong ids = new AtomicLong();
  private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();

  /** Publishes a change; {@code type} is a short lower-case name (it becomes the SSE event). */
  public NodeEvent publish(String type, JsonObject data) {
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("event type must match " + TYPE + ": " + type);
    }
    NodeEvent event = new NodeEvent(ids.incrementAndGet(), type, data.copy());
    listeners.forEach(l -> l.accept(event));
    return event;
  }

  /** Subscribes; run the returned action to unsubscribe. */
  public Runnable subscribe(Consumer<NodeEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public int subscribers() {
    return listeners.size();
  }
}
