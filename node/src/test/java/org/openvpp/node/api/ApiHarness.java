package org.openvpp.node.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openvpp.bridge.directory.DeviceStatus;
import org.openvpp.bridge.directory.InMemoryDeviceDirectory;
import org.openvpp.bridge.directory.RegisteredDevice;
import org.openvpp.bridge.fleet.FleetView;
import org.openvpp.bridge.protocol.Availability;
import org.openvpp.contracts.evidence.EvidenceLeaf;
import org.openvpp.contracts.evidence.EvidenceTree;
import org.openvpp.contracts.evidence.RewardLedger;
import org.openvpp.contracts.identity.DeviceClass;
import org.openvpp.node.api.events.NodeEvents;
import org.openvpp.node.api.model.InMemoryOwnerLimits;
import org.openvpp.node.api.model.NodeStatus;
import org.openvpp.node.api.rewards.BookRewards;
import org.openvpp.node.rewards.InMemoryRewardBookStore;
import org.openvpp.node.rewards.RewardBook;
import org.openvpp.node.rewards.SubmissionKey;

/**
 * A real API on 127.0.0.1 (free port) over real in-memory parts: the bridge's fleet view with one
 * registered device, a reward book with one finalized root, owner limits; requests go through the
 * JDK's HTTP client.
 */
final class ApiHarness implements AutoCloseable {
  static final String DEVICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  static final String OWNER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  static final String NODE = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  static final String SETTLEMENT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  static final long CHAIN_ID = 31_337;

  final Vertx vertx = Vertx.vertx();
  final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final NodeEvents events = new NodeEvents();
  final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
  final FleetView fleet = new FleetView(directory);
  final RewardBook book = new RewardBook(NODE, new InMemoryRewardBookStore());
  final Path dataDir;
  final ApiVerticle api;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiHarness(Path dataDir) throws Exception {
    this(dataDir, s -> s);
  }

  ApiHarness(Path dataDir, java.util.function.UnaryOperator<ApiSources> extra) throws Exception {
    this.dataDir = dataDir;
    directory.put(
        new RegisteredDevice(
            DEVICE, DeviceStatus.ACTIVE, DeviceClass.HOME_BATTERY, 0, 5_000, 13_500, OWNER));
    fleet.accept(new Availability(DEVICE, true, 1_000));
    RewardLedger ledger =
        new RewardLedger()
            .plus(
                BigInteger.valueOf(294_000_000_000_000_000L),
                new EvidenceTree(
                    List.of(new EvidenceLeaf(DEVICE, OWNER, new byte[32], new byte[32], 0, 900))));
    book.submitted(SubmissionKey.evidence(BigInteger.ONE), ledger);
    book.finalized(SubmissionKey.evidence(BigInteger.ONE));
    ApiSources sources =
        ApiSources.of(
                () ->
                    new NodeStatus(
                        NODE,
                        CHAIN_ID,
                        SETTLEMENT,
                        "test",
                        1_000,
                        OptionalLong.of(7),
                        OptionalLong.empty()))
            .withDevices(new FleetDevices(fleet))
            .withLimits(new InMemoryOwnerLimits())
            .withRewards(new BookRewards(CHAIN_ID, SETTLEMENT, book));
    api =
        new ApiVerticle(
            ApiConfig.defaults("127.0.0.1", 0, dataDir), extra.apply(sources), events, metrics);
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String base() {
    return "http://127.0.0.1:" + api.port();
  }

  String token() throws Exception {
    return Files.readString(dataDir.resolve(ApiToken.FILE_NAME)).strip();
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
  }

  HttpResponse<String> put(String path, String json, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(
        b.timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Vert.x did not close", e);
    }
  }
}
