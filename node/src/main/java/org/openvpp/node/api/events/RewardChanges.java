package org.openvpp.node.api.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openvpp.node.api.rewards.Earning;
import org.openvpp.node.api.rewards.OwnerRewards;

/**
 * Turns the reward book's changes into {@code rewards} events: polled (the book has no change
 * feed), published when any owner's finalized or pending amount differs from the last poll.
 */
public final class RewardChanges {
  private final OwnerRewards rewards;
  private final NodeEvents events;
  private List<Earning> last;

  public RewardChanges(OwnerRewards rewards, NodeEvents events) {
    this.rewards = rewards;
    this.events = events;
  }

  /** Publishes the earnings when they changed since the last poll; whether they did. */
  public synchronized boolean poll() {
    List<Earning> now = rewards.earnings();
    if (now.equals(last)) {
      return false;
    }
    last = now;
    JsonArray owners = new JsonArray();
    now.forEach(e -> owners.add(e.toJson()));
    events.publish("rewards", new JsonObject().put("earnings", owners));
    return true;
  }
}
