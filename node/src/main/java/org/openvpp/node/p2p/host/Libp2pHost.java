package org.openvpp.node.p2p.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.crypto.PeerId;
import org.openvpp.node.p2p.multiaddr.Multiaddr;
import org.openvpp.node.p2p.net.Multistream;
import org.openvpp.node.p2p.net.ProtocolViolation;
import org.openvpp.node.p2p.net.TcpSocketOptions;
import org.openvpp.node.p2p.noise.NoiseSecurity;
import org.openvpp.node.p2p.protocol.IdentifyInfo;
import org.openvpp.node.p2p.protocol.IdentifyProtocol;
import org.openvpp.node.p2p.protocol.PingProtocol;
import org.openvpp.node.p2p.yamux.YamuxStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host on Vert.x TCP: accepts and dials connections, serves registered protocols on
 * inbound streams, runs identify and ping. All state is touched on one event-loop context.
 *
 * <p>A handshake in progress holds a socket like a connection does, so it counts against {@link
 * HostConfig#maxConnections}. When an inbound connection arrives at the limit, the oldest inbound
 * handshake still in progress is dropped to make room: a flood of connections that never finish the
 * handshake then holds at most the limit, and a peer whose handshake takes milliseconds still gets
 * through. Established connections and our own dials are never dropped for it.
 */
public final class Libp2pHost {
  private static final Logger LOG = LoggerFactory.getLogger(Libp2pHost.class);

  private final Vertx vertx;
  private final HostConfig config;
  private final PeerId peerId;
  private final P2pMetrics metrics;
  private final Upgrader upgrader;
  private final PeerStore peerStore = new PeerStore();
  private final Map<String, StreamHandler> handlers = new ConcurrentHashMap<>();
  private final Map<PeerId, List<Connection>> connections = new ConcurrentHashMap<>();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  // Oldest first; touched only on the host's context.
  private final Set<NetSocket> inboundHandshakes = new LinkedHashSet<>();
  private int outboundHandshakes;
  private final IdentifyProtocol identify;
  private final PingProtocol ping;
  private Context context;
  private NetServer server;
  private NetClient client;
  private volatile Multiaddr listenAddress;

  public Libp2pHost(Vertx vertx, HostConfig config, P2pMetrics metrics) {
    this(vertx, config, metrics, new NoiseSecurity(config.identity()));
  }

  /** With a custom Noise implementation; tests use it to misbehave during the handshake. */
  public Libp2pHost(Vertx vertx, HostConfig config, P2pMetrics metrics, NoiseSecurity noise) {
    this.vertx = vertx;
    this.config = config;
    this.metrics = metrics;
    this.peerId = PeerId.fromPublicKey(config.identity().publicKey());
    this.upgrader = new Upgrader(vertx, noise, config, metrics::reject);
    this.identify =
        new IdentifyProtocol(vertx, this::identifyInfoFor, config.negotiationTimeoutMs());
    this.ping = new PingProtocol(vertx, config.negotiationTimeoutMs());
    handlers.put(IdentifyProtocol.ID, identify.handler());
    handlers.put(PingProtocol.ID, ping.handler());
  }

  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    return onContext(
        () -> {
          client = vertx.createNetClient(TcpSocketOptions.client());
          server =
              vertx.createNetServer(
                  TcpSocketOptions.server()
                      .setHost(config.listen().host().orElse("127.0.0.1"))
                      .setPort(config.listen().tcpPort().orElse(0)));
          server.connectHandler(this::accept);
          return server
              .listen()
              .map(
                  s -> {
                    listenAddress =
                        Multiaddr.parse(
                            "/ip4/"
                                + config.listen().host().orElse("127.0.0.1")
                                + "/tcp/"
                                + s.actualPort());
                    LOG.info("p2p host {} listening on {}", peerId, listenAddress);
                    return null;
                  });
        });
  }

  public Future<Void> stop() {
    return onContext(
        () -> {
          connections.values().forEach(list -> new ArrayList<>(list).forEach(Connection::close));
          new ArrayList<>(inboundHandshakes).forEach(NetSocket::close);
          Future<Void> s = server == null ? Future.succeededFuture() : server.close();
          Future<Void> c = client == null ? Future.succeededFuture() : client.close();
          return Future.all(s, c).mapEmpty();
        });
  }

  public PeerId peerId() {
    return peerId;
  }

  public Multiaddr listenAddress() {
    return listenAddress;
  }

  public P2pMetrics metrics() {
    return metrics;
  }

  public PeerStore peerStore() {
    return peerStore;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HostConfig config() {
    return config;
  }

  public void handle(String protocol, StreamHandler handler) {
    handlers.put(protocol, handler);
  }

  /** Stops serving a protocol (e.g. to offer only an older version). */
  public void unhandle(String protocol) {
    handlers.remove(protocol);
  }

  public void addConnectionListener(ConnectionListener listener) {
    listeners.add(listener);
  }

  public Set<PeerId> connectedPeers() {
    return Set.copyOf(connections.keySet());
  }

  public Optional<Connection> connection(PeerId peer) {
    return Optional.ofNullable(connections.get(peer))
        .flatMap(l -> l.stream().filter(Connection::isOpen).findFirst());
  }

  /** Dials {@code address}; with a {@code /p2p} part the remote must prove that identity. */
  public Future<Connection> dial(Multiaddr address) {
    return onContext(
        () -> {
          Optional<PeerId> expected = address.peerId();
          Optional<Connection> existing = expected.flatMap(this::connection);
          if (existing.isPresent()) {
            return Future.succeededFuture(existing.get());
          }
          if (connectionsAndHandshakes() >= config.maxConnections()) {
            metrics.reject(RejectReason.CONNECTION_LIMIT);
            return Future.failedFuture(
                new ProtocolViolation(RejectReason.CONNECTION_LIMIT, "at connection limit"));
          }
          String host = address.host().orElseThrow(() -> new IllegalArgumentException("no host"));
          int port = address.tcpPort().orElseThrow(() -> new IllegalArgumentException("no tcp"));
          outboundHandshakes++;
          return client
              .connect(port, host)
              .compose(socket -> upgrader.upgrade(socket, true, expected))
              .onComplete(done -> outboundHandshakes--)
              .onSuccess(
                  c -> {
                    peerStore.addAddress(c.remotePeer(), address);
                    register(c);
                  });
        });
  }

  public Future<java.time.Duration> ping(PeerId peer) {
    return onContext(() -> withConnection(peer).compose(ping::ping));
  }

  public Future<IdentifyInfo> identify(PeerId peer) {
    return onContext(() -> withConnection(peer).compose(identify::identify));
  }

  public Future<Connection.NegotiatedStream> openStream(PeerId peer, List<String> protocols) {
    return onContext(() -> withConnection(peer).compose(c -> c.openStream(protocols)));
  }

  private Future<Connection> withConnection(PeerId peer) {
    return connection(peer)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture("not connected to " + peer));
  }

  private void accept(NetSocket socket) {
    if (connectionsAndHandshakes() >= config.maxConnections()) {
      metrics.reject(RejectReason.CONNECTION_LIMIT);
      Iterator<NetSocket> oldest = inboundHandshakes.iterator();
      if (!oldest.hasNext()) {
        socket.close();
        return;
      }
      NetSocket dropped = oldest.next();
      oldest.remove();
      dropped.close();
    }
    inboundHandshakes.add(socket);
    upgrader
        .upgrade(socket, false, Optional.empty())
        .onComplete(
            done -> {
              boolean stillCounted = inboundHandshakes.remove(socket);
              if (done.succeeded() && !stillCounted) {
                done.result().close(); // dropped for a newer handshake as it finished
              } else if (done.succeeded()) {
                register(done.result());
              } else {
                LOG.debug("inbound upgrade failed: {}", done.cause().getMessage());
              }
            });
  }

  private int connectionsAndHandshakes() {
    return connections.values().stream().mapToInt(List::size).sum()
        + inboundHandshakes.size()
        + outboundHandshakes;
  }

  private void register(Connection c) {
    metrics.connectionOpened();
    connections.computeIfAbsent(c.remotePeer(), k -> new CopyOnWriteArrayList<>()).add(c);
    c.session().inboundHandler(stream -> serve(c, stream));
    c.session().closeHandler(() -> unregister(c));
    LOG.debug("{} connected {}", peerId, c);
    identify
        .identify(c)
        .onSuccess(
            info ->
                peerStore.identified(
                    c.remotePeer(), info.listenAddresses(), info.protocols(), info.agentVersion()))
        .onFailure(
            e -> {
              if (e instanceof ProtocolViolation v) {
                metrics.reject(v.reason());
              }
            });
    listeners.forEach(l -> l.onConnected(c));
  }

  private void unregister(Connection c) {
    List<Connection> list = connections.get(c.remotePeer());
    if (list != null && list.remove(c) && list.isEmpty()) {
      connections.remove(c.remotePeer());
    }
    LOG.debug("{} disconnected {}", peerId, c);
    listeners.forEach(l -> l.onDisconnected(c));
  }

  private void serve(Connection c, YamuxStream stream) {
    Multistream.respond(
            vertx, stream, () -> List.copyOf(handlers.keySet()), config.negotiationTimeoutMs())
        .onSuccess(protocol -> dispatch(c, stream, protocol))
        .onFailure(
            e -> {
              if (e instanceof ProtocolViolation v) {
                metrics.reject(v.reason());
              }
              stream.reset();
            });
  }

  /**
   * Hands a negotiated stream to its handler. The protocol may have been unhandled (from another
   * thread) since it was accepted, and a handler may throw: either costs the stream, never the
   * connection (an exception here would unwind through the Yamux frame loop).
   */
  private void dispatch(Connection c, YamuxStream stream, String protocol) {
    StreamHandler handler = handlers.get(protocol);
    if (handler == null) {
      metrics.reject(RejectReason.PROTOCOL_UNSUPPORTED);
      stream.reset();
      return;
    }
    try {
      handler.handle(c, stream);
    } catch (RuntimeException e) {
      LOG.warn(
          "handler of {} failed on a stream from {}: {}", protocol, c.remotePeer(), e.toString());
      stream.reset(); // our bug, not the peer's fault: logged, not counted against it
    }
  }

  private IdentifyInfo identifyInfoFor(Connection c) {
    return new IdentifyInfo(
        IdentifyProtocol.PROTOCOL_VERSION,
        config.agentVersion(),
        config.identity().publicKey().marshal(),
        listenAddress == null ? List.of() : List.of(listenAddress),
        Optional.of(c.remoteAddress()),
        List.copyOf(handlers.keySet()));
  }

  /** Runs {@code work} on the host's context and hands its result to the caller's thread. */
  public <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (Vertx.currentContext() == context) {
      return work.get();
    }
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }
}
