package org.openvpp.node.p2p.gossip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvpp.node.p2p.gossip.MessageSigning.MessageId;

/**
 * Recent messages by id for answering IWANT, in heartbeat windows; the newest {@code gossip}
 * windows are advertised in IHAVE.
 */
final class MessageCache {
  private final int history;
  private final int gossip;
  private final Map<MessageId, PubMessage> messages = new HashMap<>();
  private final Deque<List<MessageId>> windows = new ArrayDeque<>();

  MessageCache(int history, int gossip) {
    this.history = history;
    this.gossip = gossip;
    windows.addFirst(new ArrayList<>());
  }

  void put(MessageId id, PubMessage m) {
    if (messages.putIfAbsent(id, m) == null) {
      windows.peekFirst().add(id);
    }
  }

  Optional<PubMessage> get(MessageId id) {
    return Optional.ofNullable(messages.get(id));
  }

  List<MessageId> gossipIds(String topic) {
    List<MessageId> out = new ArrayList<>();
    Iterator<List<MessageId>> it = windows.iterator();
    for (int i = 0; i < gossip && it.hasNext(); i++) {
      for (MessageId id : it.next()) {
        PubMessage m = messages.get(id);
        if (m != null && m.topic().equals(topic)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /** Called each heartbeat: opens a new window and drops the oldest beyond the history. */
  void shift() {
    windows.addFirst(new ArrayList<>());
    while (windows.size() > history) {
      windows.removeLast().forEach(messages::remove);
    }
  }
}
