package org.openvpp.node.p2p.host;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openvpp.node.p2p.P2pMetrics;
import org.openvpp.node.p2p.crypto.Ed25519Keys;
import org.openvpp.node.p2p.crypto.PrivateKey;

/** Starts Java hosts on 127.0.0.1 for tests and stops them all afterwards. */
public final class TestHosts implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final Vertx vertx = Vertx.vertx();
  private final List<Libp2pHost> hosts = new ArrayList<>();

  public Vertx vertx() {
    return vertx;
  }

  public Libp2pHost start() {
    return start(b -> b);
  }

  public Libp2pHost start(UnaryOperator<HostConfig.Builder> configure) {
    return start(Ed25519Keys.generate(), configure);
  }

  public Libp2pHost start(PrivateKey key, UnaryOperator<HostConfig.Builder> configure) {
    HostConfig config = configure.apply(HostConfig.builder(key)).build();
    return start(new Libp2pHost(vertx, config, new P2pMetrics()));
  }

  public Libp2pHost start(Libp2pHost host) {
    await(host.start());
    hosts.add(host);
    return host;
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (Libp2pHost h : hosts) {
      try {
        await(h.stop());
      } catch (IllegalStateException e) {
        // best effort: the vertx close below releases everything
      }
    }
    await(vertx.close());
  }
}
