package org.openvpp.node.p2p.gossip;

import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.gossip.MessageSigning.MessageId;
import org.openvpp.node.p2p.gossip.MessageSigning.Verdict;
import org.openvpp.node.p2p.host.Connection;
import org.openvpp.node.p2p.host.ConnectionListener;
import org.openvpp.node.p2p.host.Libp2pHost;
import org.openvpp.node.p2p.net.ByteQueue;
import org.openvpp.node.p2p.net.ProtocolViolation;
import org.openvpp.node.p2p.yamux.YamuxStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub v1.1 router ({@code /meshsub/1.1.0}, falling back to {@code /meshsub/1.0.0}) with
 * StrictSign. Own messages are flood-published; received ones are validated, deduplicated and
 * forwarded to the topic mesh. Peers sending invalid messages or floods lose score and are pruned.
 */
public final class GossipRouter implements ConnectionListener {
  public static final String MESHSUB_11 = "/meshsub/1.1.0";
  public static final String MESHSUB_10 = "/meshsub/1.0.0";
  private static final Logger LOG = LoggerFactory.getLogger(GossipRouter.class);
  static final double INVALID_MESSAGE_PENALTY = 10;
  static final double FLOOD_PENALTY = 1;

  /** Below this score a peer's RPCs are ignored altogether. */
  static final double GRAYLIST_SCORE = -50;

  private final Libp2pHost host;
  private final LongSupplier clockMs;
  private final GossipConfig config;
  private final P2pMetrics metrics;
  private final AtomicLong seqno = new AtomicLong(System.currentTimeMillis() * 1000);
  // Mutated only on the host's event loop; concurrent maps so diagnostics may read from anywhere.
  final Map<PeerId, PeerState> peers = new ConcurrentHashMap<>();
  final Map<String, Set<PeerId>> mesh = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<GossipMessage>>> subscriptions =
      new ConcurrentHashMap<>();
  final SeenCache seen;
  final MessageCache cache;
  private final Heartbeat heartbeat;
  private long heartbeatTimer = -1;

  public GossipRouter(Libp2pHost host, P2pMetrics metrics) {
    this(host, metrics, System::currentTimeMillis);
  }

  /** With an injected clock (milliseconds) for backoffs, rates and cache expiry. */
  public GossipRouter(Libp2pHost host, P2pMetrics metrics, LongSupplier clockMs) {
    this.clockMs = clockMs;
    this.host = host;
    this.config = host.config().gossip();
    this.metrics = metrics;
    this.seen = new SeenCache(config.seenTtlMs());
    this.cache = new MessageCache(config.historyLength(), config.historyGossip());
    this.heartbeat = new Heartbeat(this, config);
    host.handle(MESHSUB_11, this::onInboundStream);
    host.handle(MESHSUB_10, this::onInboundStream);
    host.addConnectionListener(this);
  }

  /** Starts the heartbeat (on the host's event loop). */
  public Future<Void> start() {
    return host.onContext(
        () -> {
          heartbeatTimer =
              host.vertx().setPeriodic(config.heartbeatMs(), t -> heartbeat.run(now()));
          return Future.succeededFuture();
        });
  }

  /** Stops the heartbeat; must run on the host's context. */
  public void stop() {
    host.vertx().cancelTimer(heartbeatTimer);
  }

  public Future<Void> subscribe(String topic, Consumer<GossipMessage> handler) {
    return host.onContext(
        () -> {
          if (addSubscription(topic, handler)) {
            Rpc announce = Rpc.ofSubscriptions(List.of(new Rpc.Subscription(true, topic)));
            peers.values().forEach(p -> p.send(announce));
            heartbeat.fillMesh(topic, now());
          }
          return Future.succeededFuture();
        });
  }

  /** Signs and publishes; the result is how many peers it was sent to. */
  public Future<Integer> publish(String topic, byte[] data) {
    return host.onContext(
        () -> {
          PubMessage m =
              MessageSigning.sign(host.config().identity(), topic, data, seqno.incrementAndGet());
          MessageId id = MessageSigning.id(m);
          seen.add(id, now());
          cache.put(id, m);
          Rpc rpc = Rpc.ofMessages(List.of(m));
          int sent = 0;
          for (PeerState p : peers.values()) {
            if (p.topics.contains(topic) && p.score >= 0) {
              p.send(rpc);
              sent++;
            }
          }
          return Future.succeededFuture(sent);
        });
  }

  /** Records a local subscriber; true when it is the topic's first (a new, empty mesh). */
  boolean addSubscription(String topic, Consumer<GossipMessage> handler) {
    boolean first = !subscriptions.containsKey(topic);
    subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    if (first) {
      mesh.put(topic, ConcurrentHashMap.newKeySet());
    }
    return first;
  }

  public Set<PeerId> meshPeers(String topic) {
    return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
  }

  public Set<PeerId> topicPeers(String topic) {
    Set<PeerId> out = new HashSet<>();
    peers.values().stream().filter(p -> p.topics.contains(topic)).forEach(p -> out.add(p.id));
    return out;
  }

  public double score(PeerId peer) {
    return Optional.ofNullable(peers.get(peer)).map(p -> p.score).orElse(0.0);
  }

  boolean subscribed(String topic) {
    return subscriptions.containsKey(topic);
  }

  @Override
  public void onConnected(Connection c) {
    if (peers.containsKey(c.remotePeer())) {
      return;
    }
    PeerState p = new PeerState(c.remotePeer(), c);
    peers.put(c.remotePeer(), p);
    if (!subscriptions.isEmpty()) {
      p.send(
          Rpc.ofSubscriptions(
              subscriptions.keySet().stream().map(t -> new Rpc.Subscription(true, t)).toList()));
    }
    openOutbound(p);
  }

  /** Opens (or reopens) our sending stream to a peer; nothing is expected back on it. */
  private void openOutbound(PeerState p) {
    p.connection
        .openStream(List.of(MESHSUB_11, MESHSUB_10))
        .onSuccess(
            s -> {
              s.stream().handler(data -> {});
              s.stream().endHandler(() -> onOutboundEnded(p, s.stream()));
              p.outboundReady(s.stream());
            })
        .onFailure(e -> LOG.debug("{} speaks no gossipsub: {}", p.id, e.getMessage()));
  }

  /** A reset sending stream is reopened (a few times), or the peer would silently go deaf. */
  private void onOutboundEnded(PeerState p, YamuxStream stream) {
    if (!stream.isReset()) {
      return; // the peer only closed its (unused) direction; ours stays writable
    }
    p.outboundLost(stream);
    boolean current = peers.get(p.id) == p && p.connection.isOpen();
    if (current && p.reopenAttempts++ < PeerState.MAX_REOPENS) {
      LOG.debug("gossip stream to {} was reset; reopening", p.id);
      p.send(
          Rpc.ofSubscriptions(
              subscriptions.keySet().stream().map(t -> new Rpc.Subscription(true, t)).toList()));
      openOutbound(p);
    }
  }

  @Override
  public void onDisconnected(Connection c) {
    PeerState p = peers.get(c.remotePeer());
    if (p != null && p.connection == c) {
      peers.remove(c.remotePeer());
      mesh.values().forEach(m -> m.remove(c.remotePeer()));
      host.connection(c.remotePeer()).ifPresent(this::onConnected);
    }
  }

  private void onInboundStream(Connection c, YamuxStream stream) {
    ByteQueue queue = new ByteQueue();
    stream.endHandler(stream::close);
    stream.handler(
        data -> {
          queue.append(data);
          try {
            for (Optional<byte[]> f = queue.takeLengthPrefixed(config.maxMessageBytes());
                f.isPresent();
                f = queue.takeLengthPrefixed(config.maxMessageBytes())) {
              onRpcBytes(c.remotePeer(), f.get());
            }
          } catch (ProtocolViolation e) {
            metrics.reject(e.reason());
            penalize(c.remotePeer(), INVALID_MESSAGE_PENALTY);
            stream.reset();
          }
        });
  }

  void onRpcBytes(PeerId from, byte[] bytes) {
    PeerState p = peers.get(from);
    if (p == null) {
      return;
    }
    if (p.score < GRAYLIST_SCORE) {
      metrics.reject(RejectReason.GOSSIP_GRAYLISTED);
      return;
    }
    Optional<Rpc> rpc = Rpc.decode(bytes);
    if (rpc.isEmpty()) {
      metrics.reject(RejectReason.MALFORMED_MESSAGE);
      penalize(from, INVALID_MESSAGE_PENALTY);
      return;
    }
    for (Rpc.Subscription s : rpc.get().subscriptions()) {
      if (!s.subscribe()) {
        p.topics.remove(s.topic());
        Optional.ofNullable(mesh.get(s.topic())).ifPresent(m -> m.remove(from));
      } else if (p.topics.size() < PeerState.MAX_TOPICS) {
        p.topics.add(s.topic());
      }
    }
    rpc.get().publish().forEach(m -> onMessage(p, m));
    new ControlHandler(this, config).handle(p, rpc.get().control(), now());
  }

  private void onMessage(PeerState from, PubMessage m) {
    if (!from.withinRate(now(), config.maxMessagesPerSecond())) {
      metrics.reject(RejectReason.GOSSIP_RATE_LIMITED);
      penalize(from.id, FLOOD_PENALTY);
      return;
    }
    // Copies of a message we already validated are dropped before the costly signature check;
    // an id enters the seen cache only once valid, so a forgery cannot shadow the real message.
    Optional<MessageId> known =
        m.from() != null && m.seqno() != null
            ? Optional.of(MessageSigning.id(m))
            : Optional.empty();
    if (known.isPresent() && seen.contains(known.get())) {
      return;
    }
    Verdict v = MessageSigning.verify(m);
    if (v != Verdict.ACCEPT) {
      metrics.reject(RejectReason.GOSSIP_INVALID_SIGNATURE);
      penalize(from.id, INVALID_MESSAGE_PENALTY);
      return;
    }
    MessageId id = known.orElseThrow();
    seen.add(id, now());
    cache.put(id, m);
    PeerId author = PeerId.fromBytes(m.from()).orElseThrow();
    subscriptions
        .getOrDefault(m.topic(), List.of())
        .forEach(h -> deliver(h, new GossipMessage(m.topic(), m.data(), author, from.id)));
    Rpc forward = Rpc.ofMessages(List.of(m));
    for (PeerId target : mesh.getOrDefault(m.topic(), Set.of())) {
      PeerState t = peers.get(target);
      if (t != null && !target.equals(from.id) && !target.equals(author)) {
        t.send(forward);
      }
    }
  }

  private void deliver(Consumer<GossipMessage> handler, GossipMessage message) {
    metrics.countGossipDelivered();
    try {
      handler.accept(message);
    } catch (RuntimeException e) {
      LOG.warn("gossip subscriber failed on topic {}: {}", message.topic(), e.toString());
    }
  }

  /** Lowers a peer's score; below zero it leaves every mesh (and is told so). */
  void penalize(PeerId peer, double penalty) {
    PeerState p = peers.get(peer);
    if (p == null) {
      return;
    }
    p.score -= penalty;
    if (p.score < 0) {
      for (Map.Entry<String, Set<PeerId>> e : mesh.entrySet()) {
        if (e.getValue().remove(peer)) {
          heartbeat.prune(p, e.getKey(), now());
        }
      }
    }
  }

  long now() {
    return clockMs.getAsLong();
  }
}
