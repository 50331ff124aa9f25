package org.openvpp.node.p2p.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openvpp.node.p2p.Libp2pNetwork;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.gossip.GossipConfig;
import org.openvpp.node.p2p.host.HostConfig;

/**
 * Propagation latency of gossip messages across an in-process network on loopback: each peer dials
 * its ring neighbour and a few random others, all subscribe, then messages are published one at a
 * time from random peers; every receiver records (receive time − publish time) from the shared
 * clock under (message, receiver), and the run fails unless every peer got every message once.
 */
final class GossipLatencyBench {
  static final String TOPIC = "/vpp/1/requests";
  static final int WARM_UP = 20;
  static final int HEARTBEAT_MS = 200;
  static final int DEGREE = 6;
  private static final long DELIVERY_DEADLINE_MS = 10_000;
  private final int peers;
  private final int messages;
  private final Random random = new Random(42);

  GossipLatencyBench(int peers, int messages) {
    this.peers = peers;
    this.messages = messages;
  }

  /** Latencies in milliseconds of the measured messages, one per (message, receiver), checked. */
  List<Double> run(Vertx vertx) throws InterruptedException {
    GossipSamples samples = new GossipSamples(WARM_UP + messages, peers);
    List<Libp2pNetwork> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < peers; i++) {
        HostConfig config =
            HostConfig.builder(Ed25519Keys.generate())
                .gossip(GossipConfig.defaults().withHeartbeatMs(HEARTBEAT_MS))
                .build();
        Libp2pNetwork n = new Libp2pNetwork(vertx, config);
        await(n.start());
        int receiver = i;
        await(
            n.subscribe(
                TOPIC,
                m -> {
                  ByteBuffer b = ByteBuffer.wrap(m.data());
                  int message = b.getInt();
                  long sent = b.getLong();
                  samples.received(message, receiver, (System.nanoTime() - sent) / 1e6);
                }));
        nodes.add(n);
      }
      connect(nodes);
      // Meshes form over a few heartbeats; the warm-up messages (checked, not reported) then
      // also warm up the JIT.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(15L * HEARTBEAT_MS));
      for (int m = 0; m < samples.messages(); m++) {
        publishAndAwait(nodes, samples, m);
      }
      return samples.checkedLatencies(WARM_UP, samples.messages());
    } finally {
      for (Libp2pNetwork n : nodes) {
        await(n.stop().otherwiseEmpty());
      }
    }
  }

  private void connect(List<Libp2pNetwork> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      // A ring keeps the graph connected; random chords give it a small diameter.
      await(nodes.get(i).connect(nodes.get((i + 1) % nodes.size()).listenAddress()));
      List<Integer> others = new ArrayList<>();
      for (int j = 0; j < nodes.size(); j++) {
        if (j != i) {
          others.add(j);
        }
      }
      Collections.shuffle(others, random);
      for (int k = 0; k < Math.min(DEGREE - 2, others.size()); k++) {
        await(nodes.get(i).connect(nodes.get(others.get(k)).listenAddress()));
      }
    }
  }

  /** One message at a time: the figure is propagation latency, not queueing behind others. */
  private void publishAndAwait(List<Libp2pNetwork> nodes, GossipSamples samples, int message)
      throws InterruptedException {
    int from = random.nextInt(nodes.size());
    samples.published(message, from);
    byte[] payload = ByteBuffer.allocate(64).putInt(message).putLong(System.nanoTime()).array();
    await(nodes.get(from).publish(TOPIC, payload));
    if (!samples.awaitAll(message, DELIVERY_DEADLINE_MS)) {
      samples.checkedLatencies(0, message + 1); // throws, naming who is missing what
      throw new IllegalStateException("message " + message + " not delivered in time");
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
