package org.openvpp.node.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvpp.node.p2p.host.TestHosts.await;

import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvpp.contracts.testing.Await;
import org.openvpp.node.p2p.RejectReason;
import org.openvpp.node.p2p.protocol.PingProtocol;

/**
 * Handshakes in progress hold a socket and a slot like a connection does: a flood of connections
 * that never finish the handshake cannot exhaust the host, and a protocol the host does not serve,
 * or a handler that fails, costs the remote its stream at most, never the connection.
 */
class HandshakeLimitIT {
  private static final int LIMIT = 4;
  private static final long HANDSHAKE_TIMEOUT_MS = 8_000;
  private final TestHosts hosts = new TestHosts();

  @AfterEach
  void stop() {
    hosts.close();
  }

  @Test
  void halfOpenConnectionsBeyondTheLimitAreDroppedAtOnceAndALegitimatePeerStillConnects() {
    Libp2pHost victim =
        hosts.start(b -> b.maxConnections(LIMIT).handshakeTimeoutMs(HANDSHAKE_TIMEOUT_MS));
    int floodSize = 5 * LIMIT;
    AtomicInteger closed = new AtomicInteger();
    List<AtomicBoolean> flags = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < floodSize; i++) {
      // A socket that connects and never speaks: the handshake never finishes.
      NetSocket s =
          await(
              hosts
                  .vertx()
                  .createNetClient()
                  .connect(
                      victim.listenAddress().tcpPort().orElseThrow(),
                      victim.listenAddress().host().orElseThrow()));
      AtomicBoolean flag = new AtomicBoolean();
      flags.add(flag);
      s.closeHandler(
          v -> {
            flag.set(true);
            closed.incrementAndGet();
          });
    }
    Await.until(
        Duration.ofMillis(HANDSHAKE_TIMEOUT_MS * 2),
        () -> closed.get() >= floodSize - LIMIT,
        "all but " + LIMIT + " half-open connections closed");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs)
        .as("the flood beyond the limit is dropped at once, not by the handshake timeout")
        .isLessThan(HANDSHAKE_TIMEOUT_MS);
    assertThat(victim.metrics().rejections(RejectReason.CONNECTION_LIMIT))
        .isGreaterThanOrEqualTo(floodSize - LIMIT);

    Libp2pHost good = hosts.start();
    Connection c = await(good.dial(victim.listenAddress().withPeerId(victim.peerId())));
    assertThat(c.remotePeer()).isEqualTo(victim.peerId());
    assertThat(await(good.ping(victim.peerId()))).isPositive();
    assertThat(await(victim.ping(good.peerId()))).isPositive();

    // What is left of the flood is closed by the handshake timeout.
    Await.until(
        Duration.ofMillis(HANDSHAKE_TIMEOUT_MS * 3),
        () -> flags.stream().allMatch(AtomicBoolean::get),
        "every half-open connection closed");
    assertThat(await(good.ping(victim.peerId()))).isPositive();
  }

  @Test
  void anUnknownProposalGetsNaAndTheSameStreamThenNegotiatesAServedProtocol() {
    Libp2pHost victim = hosts.start();
    Libp2pHost good = hosts.start();
    await(good.dial(victim.listenAddress().withPeerId(victim.peerId())));
    Connection.NegotiatedStream s =
        await(good.openStream(victim.peerId(), List.of("/nope/1.0.0", PingProtocol.ID)));
    assertThat(s.protocol()).isEqualTo(PingProtocol.ID);
    assertThat(victim.metrics().rejections(RejectReason.PROTOCOL_UNSUPPORTED)).isZero();
    assertThat(await(good.ping(victim.peerId()))).isPositive();
  }

  @Test
  void aHandlerThatThrowsResetsItsStreamAndTheConnectionKeepsWorking() {
    Libp2pHost victim = hosts.start();
    victim.handle(
        "/fails/1.0.0",
        (c, stream) -> {
          throw new IllegalStateException("handler bug");
        });
    Libp2pHost good = hosts.start();
    await(good.dial(victim.listenAddress().withPeerId(victim.peerId())));
    for (int i = 0; i < 3; i++) {
      Connection.NegotiatedStream s =
          await(good.openStream(victim.peerId(), List.of("/fails/1.0.0")));
      Await.until(
          Duration.ofSeconds(10),
          () -> await(good.onContext(() -> Future.succeededFuture(s.stream().isReset()))),
          "the failing handler's stream reset");
      assertThat(await(good.ping(victim.peerId()))).isPositive();
    }
    assertThat(victim.connectedPeers()).containsExactly(good.peerId());
  }
}
