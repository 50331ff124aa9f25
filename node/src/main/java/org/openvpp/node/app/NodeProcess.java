package org.openvpp.node.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openvpp.contracts.deploy.Deployment;
import org.openvpp.node.config.NodeConfig;
import org.openvpp.node.keys.NodeKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node: one Vert.x instance, the parts deployed in order, and a shutdown hook that
 * stops them in reverse on SIGTERM or Ctrl-C within {@code shutdown.timeout-ms}, then ends the
 * process with 0 (clean) or 1 (a part did not stop in time or failed to).
 */
public final class NodeProcess {
  private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);

  /** Longest a start may take: the embedded broker alone may take 60 s on a very busy machine. */
  private static final long START_TIMEOUT_MS = 180_000;

  private final NodeConfig config;
  private final Deployment deployment;
  private final NodeKeys keys;
  private final DatabaseOpening database;
  private final List<NodePart> parts;

  public NodeProcess(
      NodeConfig config,
      Deployment deployment,
      NodeKeys keys,
      DatabaseOpening database,
      List<NodePart> parts) {
    this.config = config;
    this.deployment = deployment;
    this.keys = keys;
    this.database = database;
    this.parts = List.copyOf(parts);
  }

  /** Starts the node and blocks until the shutdown hook ends the process. */
  public int run() throws InterruptedException {
    long t0 = System.nanoTime();
    Clock clock = Clock.systemUTC();
    NodeResources resources;
    try {
      resources =
          NodeResources.open(
              config, database.await(), deployment.deviceRegistry(), keys.chainAddress(), clock);
    } catch (RuntimeException e) {
      String why = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
      LOG.error("node did not start: {}", why);
      System.err.println("error: node did not start: " + why);
      return ExitCodes.FAILED;
    }
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCacheDir(config.dataDir().resolve("vertx-cache").toString())));
    NodeContext context =
        new NodeContext(
            vertx,
            config,
            keys,
            deployment,
            resources.database(),
            resources.web3j(),
            resources.devices(),
            resources.rewards(),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            clock);
    NodeApp app = new NodeApp(context, parts);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread hook = new Thread(() -> shutdown(app, vertx, resources, started), "node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info(
        "starting node {} (peer {}), parts: {}; not in this build yet: {}",
        keys.chainAddress(),
        keys.peerId().toBase58(),
        parts.stream().map(NodePart::name).toList(),
        NodeParts.notYetBuilt());
    app.start().onComplete(r -> complete(started, r.succeeded(), r.cause()));
    try {
      started.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.error("node did not start: {}", cause.getMessage());
      System.err.println("error: node did not start: " + cause.getMessage());
      Runtime.getRuntime().removeShutdownHook(hook);
      if (e instanceof TimeoutException) {
        await(app.stop(), config.shutdownTimeout().toMillis());
      }
      await(vertx.close(), config.shutdownTimeout().toMillis());
      resources.close();
      return ExitCodes.FAILED;
    }
    long sinceJvm =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    LOG.info(
        "node started in {} ms ({} ms since the process started)",
        (System.nanoTime() - t0) / 1_000_000,
        sinceJvm);
    new CountDownLatch(1).await(); // the shutdown hook ends the process
    return ExitCodes.OK;
  }

  private static void complete(CompletableFuture<Void> f, boolean ok, Throwable cause) {
    if (ok) {
      f.complete(null);
    } else {
      f.completeExceptionally(cause);
    }
  }

  private void shutdown(
      NodeApp app, Vertx vertx, NodeResources resources, CompletableFuture<Void> started) {
    long budget = config.shutdownTimeout().toMillis();
    long deadline = System.currentTimeMillis() + budget;
    LOG.info("stop requested: stopping the parts in reverse order (budget {} ms)", budget);
    boolean clean = true;
    try {
      started.get(budget, TimeUnit.MILLISECONDS); // a start under way finishes first
    } catch (ExecutionException e) {
      LOG.info("the start had failed; nothing more to stop");
    } catch (TimeoutException | InterruptedException e) {
      LOG.error("the start did not finish within the stop budget");
      clean = false;
    }
    clean &= await(app.stop(), deadline - System.currentTimeMillis());
    LOG.info("closing Vert.x");
    clean &= await(vertx.close(), Math.max(1, deadline - System.currentTimeMillis()));
    try {
      resources.close();
    } catch (RuntimeException e) {
      LOG.error("closing the database failed: {}", e.toString());
      clean = false;
    }
    LOG.info(clean ? "node stopped" : "node stopped with errors (see above)");
    // A signal would end the JVM with 128+signal; a clean stop is a success for the service
    // manager, so the status is set here. Nothing runs after this hook that the node needs.
    Runtime.getRuntime().halt(clean ? ExitCodes.OK : ExitCodes.FAILED);
  }

  private static boolean await(Future<Void> f, long timeoutMs) {
    try {
      f.toCompletionStage()
          .toCompletableFuture()
          .get(Math.max(1, timeoutMs), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      LOG.error("gave up waiting after {} ms", timeoutMs);
      return false;
    } catch (ExecutionException e) {
      LOG.error("{}", e.getCause().getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
