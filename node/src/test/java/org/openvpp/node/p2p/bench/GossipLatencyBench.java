package org.openvpp.node.p2p.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.openvpp.node.p2p.Libp2pNetwork;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.gossip.GossipConfig;
import org.openvpp.node.p2p.host.HostConfig;

/**
 * Propagation latency of gossip messages across an in-process network on loopback: each peer dials
 * a few random others, all subscribe, then messages are published one at a time from random peers;
 * every receiver records (receive time − publish time) from the shared clock.
 */
final class GossipLatencyBench {
  private static final String TOPIC = "/vpp/1/requests";
  static final int WARM_UP = 20;
  private final int peers;
  private final int degree;
  private final int messages;
  private final Random random = new Random(42);

  GossipLatencyBench(int peers, int degree, int messages) {
    this.peers = peers;
    this.degree = degree;
    this.messages = messages;
  }

  /** Latencies in milliseconds, one sample per (message, receiver). */
  List<Double> run(Vertx vertx) throws Exception {
    List<Libp2pNetwork> nodes = new ArrayList<>();
    List<Double> samples = new CopyOnWriteArrayList<>();
    try {
      for (int i = 0; i < peers; i++) {
        HostConfig config =
            HostConfig.builder(Ed25519Keys.generate())
                .gossip(GossipConfig.defaults().withHeartbeatMs(200))
                .build();
        Libp2pNetwork n = new Libp2pNetwork(vertx, config);
        await(n.start());
        await(
            n.subscribe(
                TOPIC,
                m -> {
                  long sent = ByteBuffer.wrap(m.data()).getLong();
                  samples.add((System.nanoTime() - sent) / 1e6);
                }));
        nodes.add(n);
      }
      connect(nodes);
      Thread.sleep(3_000); // meshes settle over several heartbeats
      publish(nodes, samples, WARM_UP); // JIT warm-up; these samples are discarded
      samples.clear();
      publish(nodes, samples, messages);
      return new ArrayList<>(samples);
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
      for (int k = 0; k < Math.min(degree - 2, others.size()); k++) {
        await(nodes.get(i).connect(nodes.get(others.get(k)).listenAddress()));
      }
    }
  }

  private void publish(List<Libp2pNetwork> nodes, List<Double> samples, int count)
      throws InterruptedException {
    int receivers = nodes.size() - 1;
    for (int m = 0; m < count; m++) {
      int expected = (m + 1) * receivers;
      byte[] payload = ByteBuffer.allocate(64).putLong(System.nanoTime()).array();
      await(nodes.get(random.nextInt(nodes.size())).publish(TOPIC, payload));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (samples.size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      Thread.sleep(20);
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
